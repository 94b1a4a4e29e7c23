//! A deterministic corpus of ImportImage requests: about 70% valid and 30% with one or two
//! mistakes of every kind, in all three input forms (flat JSON, nested JSON, query string).

/// A small deterministic generator (64-bit LCG), so every run lints the same texts.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// Which form a request text is written in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Form {
    FlatJson,
    NestedJson,
    Query,
}

pub struct Request {
    pub form: Form,
    pub text: String,
    /// The flat parameters, for the typed-builder path.
    pub pairs: Vec<(String, String)>,
}

const REGIONS: &[&str] = &[
    "cn-hangzhou",
    "cn-beijing",
    "cn-shanghai",
    "ap-southeast-1",
    "eu-central-1",
    "us-west-1",
];
const PLATFORMS: &[&str] = &[
    "CentOS",
    "Ubuntu",
    "Debian",
    "SUSE",
    "Aliyun",
    "Others Linux",
    "CoreOS",
];
const FORMATS: &[&str] = &["RAW", "VHD", "qcow2"];

/// One mistake of each kind the rules know.
const MISTAKES: &[(&str, &str)] = &[
    ("ImageName", "centos 7.9"),
    ("ImageName", "7-web"),
    ("ImageName", "https://images"),
    ("ImageName", "x"),
    ("Description", "http://wiki/page"),
    ("Architecture", "amd64"),
    ("OSType", "linux"),
    ("Platform", "centos"),
    ("RegionId", "CN-Hangzhou"),
    ("RegionId", "cn-hangzou"),
    ("DiskDeviceMapping.1.Format", "ISO"),
    ("DiskDeviceMapping.1.DiskImageSize", "501"),
    ("DiskDeviceMapping.1.DiskImageSize", "40 GiB"),
    ("DiskDeviceMapping.1.OSSBucket", "oss://ecsimageos/a.raw"),
    (
        "DiskDeviceMapping.1.OSSBucket",
        "ecsimageos.oss-cn-beijing.aliyuncs.com",
    ),
    ("DiskDeviceMapping.1.OSSBucket", "Bad_Bucket"),
    ("DiskDeviceMapping.1.OSSObject", "/leading.raw"),
    ("Format", "qcow2"),
    ("Imagename", "typo"),
    ("AccessKeyId", "LTAI0000000000000000"),
    ("DiskDeviceMapping.18.OSSBucket", "b12"),
    ("Timestamp", "yesterday"),
];

/// `s` as a JSON string literal.
fn escape_json(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// Writes flat parameters in a form.
pub fn render(pairs: &[(String, String)], form: Form) -> String {
    match form {
        Form::FlatJson => {
            let body: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("{}: {}", escape_json(k), escape_json(v)))
                .collect();
            format!("{{{}}}", body.join(", "))
        }
        Form::Query => {
            let mut q = String::from("Action=ImportImage");
            for (k, v) in pairs {
                q.push_str(&format!(
                    "&{}={}",
                    importimage_lint::percent_encode(k, b""),
                    importimage_lint::percent_encode(v, b"")
                ));
            }
            q
        }
        Form::NestedJson => {
            let mut top = Vec::new();
            let mut disks: Vec<Vec<String>> = Vec::new();
            for (k, v) in pairs {
                let parts: Vec<&str> = k.splitn(3, '.').collect();
                match parts.as_slice() {
                    ["DiskDeviceMapping", n, field]
                        if n.parse::<usize>().is_ok_and(|n| (1..=17).contains(&n)) =>
                    {
                        let n: usize = n.parse().unwrap();
                        while disks.len() < n {
                            disks.push(Vec::new());
                        }
                        let value =
                            if *field == "DiskImageSize" && v.bytes().all(|b| b.is_ascii_digit()) {
                                v.clone()
                            } else {
                                escape_json(v)
                            };
                        disks[n - 1].push(format!("{}: {value}", escape_json(field)));
                    }
                    _ => top.push(format!("{}: {}", escape_json(k), escape_json(v))),
                }
            }
            let disks: Vec<String> = disks
                .iter()
                .map(|d| format!("{{{}}}", d.join(", ")))
                .collect();
            top.push(format!("\"DiskDeviceMapping\": [{}]", disks.join(", ")));
            format!("{{{}}}", top.join(", "))
        }
    }
}

/// `count` requests; about 70% valid. `with_names` false leaves out ImageName.
pub fn generate(count: usize, seed: u64, with_names: bool) -> Vec<Request> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|i| {
            let mut pairs: Vec<(String, String)> =
                vec![("RegionId".into(), rng.pick(REGIONS).into())];
            if with_names {
                pairs.push((
                    "ImageName".into(),
                    format!("img-{i}-{}", rng.pick(&["web", "db", "cache", "镜像"])),
                ));
            }
            if rng.below(2) == 0 {
                pairs.push((
                    "Description".into(),
                    format!("Imported from vSphere, batch {}", rng.below(1000)),
                ));
            }
            let platform = rng.pick(PLATFORMS);
            pairs.push(("Platform".into(), platform.into()));
            pairs.push(("OSType".into(), "Linux".into()));
            if rng.below(3) == 0 {
                pairs.push(("Architecture".into(), rng.pick(&["x86_64", "i386"]).into()));
            }
            for n in 1..=1 + rng.below(3) {
                let format = rng.pick(FORMATS);
                let ext = match format {
                    "RAW" => "raw",
                    "VHD" => "vhd",
                    _ => "qcow2",
                };
                pairs.push((
                    format!("DiskDeviceMapping.{n}.OSSBucket"),
                    format!("images-{}", rng.below(50)),
                ));
                pairs.push((
                    format!("DiskDeviceMapping.{n}.OSSObject"),
                    format!("exports/{i}/disk{n}.{ext}"),
                ));
                pairs.push((format!("DiskDeviceMapping.{n}.Format"), format.into()));
                let max = if n == 1 { 500 } else { 1000 };
                pairs.push((
                    format!("DiskDeviceMapping.{n}.DiskImageSize"),
                    (5 + rng.below(max - 5)).to_string(),
                ));
            }
            if rng.below(10) < 3 {
                for _ in 0..1 + rng.below(2) {
                    let (k, v) = MISTAKES[rng.below(MISTAKES.len())];
                    match pairs.iter_mut().find(|(pk, _)| pk == k) {
                        Some(p) => p.1 = v.into(),
                        None => pairs.push((k.into(), v.into())),
                    }
                }
            }
            let form = [Form::FlatJson, Form::NestedJson, Form::Query][i % 3];
            Request {
                form,
                text: render(&pairs, form),
                pairs,
            }
        })
        .collect()
}
