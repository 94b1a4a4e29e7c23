//! A typed request, for tools that lint what they are about to send without serialising it.

use crate::input::Entry;

/// One disk of a request: `DiskDeviceMapping.N`, N being its position in
/// [`ImportImageRequest::disks`] plus one (the first is the system disk).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DiskMapping {
    /// The OSS bucket holding the image file.
    pub oss_bucket: String,
    /// The object key of the image file.
    pub oss_object: String,
    /// `RAW`, `VHD` or `qcow2`; `None` lets the service detect it.
    pub format: Option<String>,
    /// Size in GiB; `None` lets the service measure it.
    pub disk_image_size: Option<u64>,
}

impl DiskMapping {
    /// A disk read from `bucket`/`object`.
    ///
    /// ```
    /// let d = importimage_lint::DiskMapping::new("ecsimageos", "centos7.qcow2");
    /// assert_eq!(d.format, None);
    /// ```
    pub fn new(bucket: impl Into<String>, object: impl Into<String>) -> Self {
        DiskMapping {
            oss_bucket: bucket.into(),
            oss_object: object.into(),
            ..Self::default()
        }
    }

    /// Sets the image format.
    ///
    /// ```
    /// let d = importimage_lint::DiskMapping::new("b12", "o").format("RAW");
    /// assert_eq!(d.format.as_deref(), Some("RAW"));
    /// ```
    pub fn format(mut self, format: impl Into<String>) -> Self {
        self.format = Some(format.into());
        self
    }

    /// Sets the disk size in GiB.
    ///
    /// ```
    /// let d = importimage_lint::DiskMapping::new("b12", "o").size(40);
    /// assert_eq!(d.disk_image_size, Some(40));
    /// ```
    pub fn size(mut self, gib: u64) -> Self {
        self.disk_image_size = Some(gib);
        self
    }
}

/// An ImportImage request built in code.
///
/// ```
/// use importimage_lint::{DiskMapping, ImportImageRequest};
/// let r = ImportImageRequest::new("cn-hangzhou")
///     .image_name("centos-7")
///     .param("Platform", "CentOS")
///     .disk(DiskMapping::new("ecsimageos", "centos7.qcow2"));
/// assert!(importimage_lint::Linter::default().lint_request(&r).valid);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ImportImageRequest {
    /// RegionId.
    pub region_id: String,
    /// ImageName.
    pub image_name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Architecture.
    pub architecture: Option<String>,
    /// OSType.
    pub os_type: Option<String>,
    /// Platform.
    pub platform: Option<String>,
    /// The disks; the first is the system disk.
    pub disks: Vec<DiskMapping>,
    /// Any other parameter, by its flat API name.
    pub params: Vec<(String, String)>,
}

impl ImportImageRequest {
    /// A request importing into `region_id`.
    ///
    /// ```
    /// assert_eq!(importimage_lint::ImportImageRequest::new("cn-hangzhou").region_id, "cn-hangzhou");
    /// ```
    pub fn new(region_id: impl Into<String>) -> Self {
        ImportImageRequest {
            region_id: region_id.into(),
            ..Self::default()
        }
    }

    /// Sets ImageName.
    ///
    /// ```
    /// let r = importimage_lint::ImportImageRequest::new("cn-hangzhou").image_name("web");
    /// assert_eq!(r.image_name.as_deref(), Some("web"));
    /// ```
    pub fn image_name(mut self, name: impl Into<String>) -> Self {
        self.image_name = Some(name.into());
        self
    }

    /// Sets Description.
    ///
    /// ```
    /// let r = importimage_lint::ImportImageRequest::new("cn-hangzhou").description("web tier");
    /// assert_eq!(r.description.as_deref(), Some("web tier"));
    /// ```
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// Sets Architecture.
    ///
    /// ```
    /// let r = importimage_lint::ImportImageRequest::new("cn-hangzhou").architecture("i386");
    /// assert_eq!(r.architecture.as_deref(), Some("i386"));
    /// ```
    pub fn architecture(mut self, value: impl Into<String>) -> Self {
        self.architecture = Some(value.into());
        self
    }

    /// Sets OSType.
    ///
    /// ```
    /// let r = importimage_lint::ImportImageRequest::new("cn-hangzhou").os_type("Windows");
    /// assert_eq!(r.os_type.as_deref(), Some("Windows"));
    /// ```
    pub fn os_type(mut self, value: impl Into<String>) -> Self {
        self.os_type = Some(value.into());
        self
    }

    /// Sets Platform.
    ///
    /// ```
    /// let r = importimage_lint::ImportImageRequest::new("cn-hangzhou").platform("Ubuntu");
    /// assert_eq!(r.platform.as_deref(), Some("Ubuntu"));
    /// ```
    pub fn platform(mut self, value: impl Into<String>) -> Self {
        self.platform = Some(value.into());
        self
    }

    /// Adds the next disk (the first added is the system disk).
    ///
    /// ```
    /// use importimage_lint::{DiskMapping, ImportImageRequest};
    /// let r = ImportImageRequest::new("cn-hangzhou").disk(DiskMapping::new("b12", "o"));
    /// assert_eq!(r.disks.len(), 1);
    /// ```
    pub fn disk(mut self, disk: DiskMapping) -> Self {
        self.disks.push(disk);
        self
    }

    /// Sets any other parameter by its flat API name.
    ///
    /// ```
    /// let r = importimage_lint::ImportImageRequest::new("cn-hangzhou").param("BootMode", "UEFI");
    /// assert_eq!(r.params[0].0, "BootMode");
    /// ```
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.push((name.into(), value.into()));
        self
    }

    pub(crate) fn entries(&self) -> Vec<Entry<'_>> {
        let mut out = vec![Entry::typed("RegionId", self.region_id.as_str())];
        let optional = [
            ("ImageName", &self.image_name),
            ("Description", &self.description),
            ("Architecture", &self.architecture),
            ("OSType", &self.os_type),
            ("Platform", &self.platform),
        ];
        for (name, value) in optional {
            if let Some(v) = value {
                out.push(Entry::typed(name, v.as_str()));
            }
        }
        for (i, d) in self.disks.iter().enumerate() {
            let n = i + 1;
            out.push(Entry::typed(
                format!("DiskDeviceMapping.{n}.OSSBucket"),
                d.oss_bucket.as_str(),
            ));
            out.push(Entry::typed(
                format!("DiskDeviceMapping.{n}.OSSObject"),
                d.oss_object.as_str(),
            ));
            if let Some(f) = &d.format {
                out.push(Entry::typed(
                    format!("DiskDeviceMapping.{n}.Format"),
                    f.as_str(),
                ));
            }
            if let Some(s) = d.disk_image_size {
                out.push(Entry::typed(
                    format!("DiskDeviceMapping.{n}.DiskImageSize"),
                    s.to_string(),
                ));
            }
        }
        for (k, v) in &self.params {
            out.push(Entry::typed(k.as_str(), v.as_str()));
        }
        out
    }
}
