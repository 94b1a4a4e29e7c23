//! The main command: lint request files, folders, standard input or NDJSON.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use importimage_lint::embedded::{self, Context, Embedded, Host, Providers};
use importimage_lint::{apply_fixes, Linter, Report};

use super::{exit_code, flags, trouble, usage, use_color, TROUBLE};
use crate::args::{Format, LintArgs};
use crate::emit::{emitter, Emitter, Linted, Mode, Out, Related, Subject, Tally};
use crate::files::{self, Source};
use crate::lines::{lint_lines, Content, Line};
use crate::rewrite;
use crate::settings::{ConfigFailure, Linters};
use crate::ui::Problem;

/// Where each request of the batch came from: its path (by index) and the line it starts
/// on, so that a finding about an earlier request can point at it.
#[derive(Default)]
struct Origins {
    paths: Vec<String>,
    requests: Vec<(u32, u32)>,
}

impl Origins {
    fn push(&mut self, path: &str, line_offset: usize) {
        if self.paths.last().map(String::as_str) != Some(path) {
            self.paths.push(path.to_owned());
        }
        let p = u32::try_from(self.paths.len() - 1).unwrap_or(u32::MAX);
        self.requests
            .push((p, u32::try_from(line_offset).unwrap_or(u32::MAX)));
    }

    /// The related locations of a report's findings.
    fn related(&self, report: &Report) -> Vec<(usize, Related)> {
        report
            .diagnostics
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let e = d.data.earlier?;
                let &(p, offset) = self.requests.get(usize::try_from(e.request).ok()?)?;
                let line = offset as usize + usize::try_from(e.line).unwrap_or(1).max(1);
                Some((
                    i,
                    Related {
                        path: self.paths[p as usize].clone(),
                        line,
                        column: usize::try_from(e.column).unwrap_or(1).max(1),
                    },
                ))
            })
            .collect()
    }
}

pub(crate) fn run(args: LintArgs) -> io::Result<i32> {
    let set = match flags(&args.common) {
        Ok(f) => f,
        Err(e) => return usage(e),
    };
    let format = args.common.format;
    let threads = match args.threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    };
    if args.ndjson && (args.fix || args.diff) {
        return trouble(Problem::RewriteNdjson);
    }
    if args.diff && format != Format::Text {
        return trouble(Problem::DiffFormat {
            format: &format!("{format:?}").to_lowercase(),
        });
    }
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let stdin_used = paths.iter().any(|p| p == Path::new("-"));
    if args.fix && stdin_used && paths.len() > 1 {
        return trouble(Problem::FixStdinAlone);
    }
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "-".to_owned());
    let found = match files::expand(&paths, &stdin_name) {
        Ok(f) => f,
        Err((p, e)) => return usage(files::problem(&p.display().to_string(), &e)),
    };
    for folder in &found.empty_folders {
        let folder = folder.display().to_string();
        eprintln!(
            "{}{}",
            crate::ui::me(),
            Problem::EmptyFolder { folder: &folder }.say(crate::ui::lang())
        );
    }
    let color = use_color(args.common.color);
    let fix_stdout = args.fix && stdin_used;
    let mut linters = Linters::new(args.common.config.clone(), set);
    let mode = Mode {
        color,
        ndjson: args.ndjson,
        subject: Subject::Request,
        quiet: args.diff || fix_stdout,
        lang: linters.ui_lang(),
    };
    let mut run = Run {
        linters,
        emit: emitter(format, mode),
        out: Out::new(io::BufWriter::new(io::stdout())),
        tally: Tally::default(),
        origins: Origins::default(),
        trouble: !found.walk_errors.is_empty(),
        broken_configs: HashSet::new(),
        modules: HashMap::new(),
        overrides: HashMap::new(),
    };
    for e in &found.walk_errors {
        eprintln!("{}{}", crate::ui::me(), crate::emit::text::sanitize(e));
    }
    let base = Linter::default();
    let mut batch = base.batch();
    for (src, walked) in found.sources.iter().zip(found.walked) {
        if walked {
            match run.linters.excluded(&src.path()) {
                Ok(true) => continue,
                Ok(false) => {}
                Err(e) => {
                    run.config_failed(&e)?;
                    continue;
                }
            }
        }
        let linter = match run.linters.for_source(src) {
            Ok(l) => l.clone(),
            Err(e) => {
                run.config_failed(&e)?;
                continue;
            }
        };
        let profile = linter.options().profile;
        let max = linter.options().max_input_bytes;
        if let Source::Unreadable(_, why) = src {
            let report = linter.unreadable(why);
            run.emit(Linted::new(src.name(), String::new(), profile, report))?;
            continue;
        }
        if args.ndjson {
            run.ndjson(src, &linter, &mut batch, max, threads)?;
            continue;
        }
        let bytes = match src.read(max) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{}{}", crate::ui::me(), files::problem(&src.name(), &e));
                run.trouble = true;
                continue;
            }
        };
        if src
            .path()
            .file_name()
            .is_some_and(|n| files::is_makefile(&n.to_string_lossy()))
        {
            eprintln!(
                "importimage-lint: warning: {}: not read: a Makefile's recipes are make's language, not a shell script (its `$(VAR)` and `$$` are make's); put the aliyun command in a script the Makefile runs",
                crate::emit::text::sanitize(&src.name())
            );
            continue;
        }
        if src.path().file_name().is_some_and(|n| {
            n.to_string_lossy()
                .to_ascii_lowercase()
                .ends_with(".tf.json")
        }) {
            let name = crate::emit::text::sanitize(&src.name());
            match crate::ui::lang() {
                importimage_lint::Lang::ZhCn => eprintln!(
                    "importimage-lint: 警告：{name}：未读取：不读取 Terraform JSON（`.tf.json`）文件，也不把它当作请求检查；把 alicloud_image_import 资源写在 `.tf` 文件中即可检查"
                ),
                _ => eprintln!(
                    "importimage-lint: warning: {name}: not read: Terraform JSON (`.tf.json`) is not read, nor linted as a request; write the alicloud_image_import resource in a `.tf` file to have it checked"
                ),
            }
            continue;
        }
        if matches!(src, Source::File(_))
            && src
                .path()
                .file_name()
                .is_some_and(|n| is_override(&n.to_string_lossy()))
        {
            let name = crate::emit::text::sanitize(&src.name());
            match crate::ui::lang() {
                importimage_lint::Lang::ZhCn => eprintln!(
                    "importimage-lint: 提示：{name}：Terraform 的覆盖文件：其属性已并入同一模块中同类型同名的资源，随该资源一起检查"
                ),
                _ => eprintln!(
                    "importimage-lint: note: {name}: a Terraform override file: its attributes are merged into the resource of the same type and name in the module's other files, and checked there"
                ),
            }
            continue;
        }
        if let Some(host) = embedding_host(src, &bytes) {
            run.embedded(src, &linter, &mut batch, host, &bytes, &args, color)?;
            continue;
        }
        run.origins.push(&src.name(), 0);
        let mut report = batch.lint_bytes_with(&linter, &bytes);
        let mut source = String::from_utf8(bytes.clone())
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        if args.fix || args.diff {
            let fixed = fixed_point(&linter, &source, &report);
            match (src, &fixed) {
                (_, Some(fixed)) if args.diff => {
                    rewrite::diff(&mut run.out, &src.name(), &source, fixed, color)?;
                    run.tally.would_fix += 1;
                }
                (Source::Stdin(_), _) if args.fix => {
                    let text = fixed.as_deref().unwrap_or(&source);
                    run.out.write_all(text.as_bytes())?;
                    if fixed.is_some() {
                        run.tally.fixed += 1;
                        report = linter.lint_str(text);
                    }
                }
                (Source::File(path), Some(fixed)) => {
                    match rewrite::write_atomically(path, &bytes, fixed) {
                        Ok(()) => {
                            run.tally.fixed += 1;
                            report = linter.lint_str(fixed);
                            source = fixed.clone();
                        }
                        Err(e) => {
                            eprintln!("{}{}", crate::ui::me(), files::problem(&src.name(), &e));
                            run.trouble = true;
                        }
                    }
                }
                _ => {}
            }
        }
        let mut linted = Linted::new(src.name(), source, profile, report);
        linted.related = run.origins.related(&linted.report);
        run.emit(linted)?;
    }
    run.emit.finish(&mut run.out, &run.tally)?;
    run.out.flush()?;
    Ok(if run.trouble {
        TROUBLE
    } else {
        exit_code(&args.common, &run.tally, false)
    })
}

/// The language a file holds requests in, when it is not a request file: Terraform by its
/// `.tf` name, a Packer template by its name or its members, a shell script by its name or
/// its `#!` line (standard input by `--stdin-filename`).
pub(crate) fn embedding_host(src: &Source, bytes: &[u8]) -> Option<Host> {
    let path = src.path();
    let name = path.file_name()?.to_string_lossy();
    // A JSON file is a Packer template by its members; other hosts tell by the first line.
    let head = if name.to_ascii_lowercase().ends_with(".json") {
        bytes
    } else {
        &bytes[..bytes.len().min(256)]
    };
    let host = Host::of_file(&name, &String::from_utf8_lossy(head));
    // A request file is a request, unless it is a Packer template by its name or members
    // (`import-image.pkr.hcl`, an `import-image.json` with "post-processors").
    if files::is_request_file(&name) && host != Some(Host::Packer) {
        return None;
    }
    host
}

/// The `provider "alicloud"` blocks of every `.tf` file in a folder (a Terraform module).
pub(crate) fn module_providers(dir: &Path) -> Providers {
    let mut all = Providers::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return all;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tf") && p.is_file())
        .collect();
    paths.sort();
    for p in paths {
        if let Ok(text) = std::fs::read_to_string(&p) {
            all.merge(Providers::read(&text));
        }
    }
    all
}

/// Whether a file is a Terraform override file (`override.tf`, `*_override.tf`).
pub(crate) fn is_override(name: &str) -> bool {
    name == "override.tf" || name.ends_with("_override.tf")
}

/// The override files of a Terraform module (a folder), in the order Terraform applies
/// them (by name).
pub(crate) fn module_overrides(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| is_override(&n.to_string_lossy()))
                && p.is_file()
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// What a run carries from input to input.
struct Run {
    linters: Linters,
    emit: Box<dyn Emitter>,
    out: Out<io::BufWriter<io::Stdout>>,
    tally: Tally,
    origins: Origins,
    trouble: bool,
    /// Configuration files already reported as unusable: each is reported once.
    broken_configs: HashSet<PathBuf>,
    /// Each Terraform module's providers, by folder.
    modules: HashMap<PathBuf, Providers>,
    /// Each Terraform module's override files' texts, by folder.
    overrides: HashMap<PathBuf, Vec<String>>,
}

impl Run {
    /// A file left unlinted because its configuration cannot be used: the configuration's
    /// error is reported once, however many files it governs, and the run ends with exit 2.
    fn config_failed(&mut self, e: &ConfigFailure) -> io::Result<()> {
        self.trouble = true;
        self.tally.not_linted += 1;
        if self.broken_configs.insert(e.path.clone()) {
            self.emit.config_error(&mut self.out, e)?;
        }
        Ok(())
    }

    /// A Terraform file or a shell script: each request it holds is one report, named by
    /// the line it starts on; `--fix` and `--diff` rewrite the values where they are written.
    #[allow(clippy::too_many_arguments)]
    fn embedded(
        &mut self,
        src: &Source,
        linter: &Linter,
        batch: &mut importimage_lint::Batch<'_>,
        host: Host,
        bytes: &[u8],
        args: &LintArgs,
        color: bool,
    ) -> io::Result<()> {
        let name = src.name();
        let mut source = String::from_utf8_lossy(bytes).into_owned();
        let mut providers = Providers::read(&source);
        if let (Host::Terraform, Source::File(p)) = (host, src) {
            let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
            let module = self.modules.entry(dir.clone()).or_insert_with(|| {
                module_providers(if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    &dir
                })
            });
            providers.merge(module.clone());
        }
        let mut cx = Context::with_providers(providers);
        if let (Host::Terraform, Source::File(p)) = (host, src) {
            let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
            let texts = self
                .overrides
                .entry(dir.clone())
                .or_insert_with(|| {
                    module_overrides(if dir.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        &dir
                    })
                })
                .clone();
            cx = cx.with_overrides(texts);
        }
        let mut found = batch.lint_embedded_with(linter, &source, host, &cx);
        if args.fix || args.diff {
            let fixed = embedded_fixed_point(linter, &source, host, &cx, &found);
            match (src, &fixed) {
                (_, Some(fixed)) if args.diff => {
                    rewrite::diff(&mut self.out, &name, &source, fixed, color)?;
                    self.tally.would_fix += 1;
                }
                (Source::Stdin(_), _) if args.fix => {
                    let text = fixed.as_deref().unwrap_or(&source);
                    self.out.write_all(text.as_bytes())?;
                    if fixed.is_some() {
                        self.tally.fixed += 1;
                        found = linter.lint_embedded(text, host, &cx);
                    }
                }
                (Source::File(path), Some(fixed)) => {
                    match rewrite::write_atomically(path, bytes, fixed) {
                        Ok(()) => {
                            self.tally.fixed += 1;
                            found = linter.lint_embedded(fixed, host, &cx);
                            source = fixed.clone();
                        }
                        Err(e) => {
                            eprintln!("{}{}", crate::ui::me(), files::problem(&name, &e));
                            self.trouble = true;
                        }
                    }
                }
                _ => {}
            }
        }
        let profile = linter.options().profile;
        let shared: std::sync::Arc<str> = source.into();
        for e in found {
            self.origins.push(&name, 0);
            let mut linted = Linted::new(name.clone(), shared.clone(), profile, e.report);
            linted.input_line = Some(e.span.line);
            linted.related = self.origins.related(&linted.report);
            self.emit(linted)?;
        }
        Ok(())
    }

    fn emit(&mut self, mut linted: Linted) -> io::Result<()> {
        crate::ui::add_profile_hints(&mut linted.report);
        self.tally.add(&linted.report);
        self.emit.report(&mut self.out, linted)
    }

    /// One request per line, each report written and flushed as soon as its line is read;
    /// the lines are linted on `threads` threads and written in input order.
    fn ndjson(
        &mut self,
        src: &Source,
        linter: &Linter,
        batch: &mut importimage_lint::Batch<'_>,
        max: usize,
        threads: usize,
    ) -> io::Result<()> {
        let name = src.name();
        let profile = linter.options().profile;
        let each = |run: &mut Self, batch: &mut importimage_lint::Batch<'_>, line: Line| {
            let Content::Request(text, detached) = line.content else {
                run.tally.blank += 1;
                return Ok(());
            };
            run.origins.push(&name, line.number - 1);
            let report = batch.merge(*detached);
            let mut linted = Linted::new(name.clone(), text, profile, report);
            linted.line_offset = line.number - 1;
            linted.byte_offset = line.offset;
            linted.input_line = Some(line.number);
            linted.related = run.origins.related(&linted.report);
            run.emit(linted)
        };
        match src {
            Source::File(path) => match std::fs::File::open(path) {
                Ok(f) => lint_lines(f, linter, max, threads, |l| each(self, batch, l)),
                Err(e) => {
                    eprintln!(
                        "{}{}",
                        crate::ui::me(),
                        files::problem(&path.display().to_string(), &e)
                    );
                    self.trouble = true;
                    Ok(())
                }
            },
            _ => lint_lines(io::stdin(), linter, max, threads, |l| each(self, batch, l)),
        }
    }
}

/// [`fixed_point`] for a Terraform file or a shell script.
pub(crate) fn embedded_fixed_point(
    linter: &Linter,
    source: &str,
    host: Host,
    cx: &Context,
    found: &[Embedded],
) -> Option<String> {
    let mut text = embedded::apply_fixes(source, host, found)?;
    for _ in 0..9 {
        match embedded::apply_fixes(&text, host, &linter.lint_embedded(&text, host, cx)) {
            Some(next) if next != text => text = next,
            _ => break,
        }
    }
    Some(text)
}

/// The text with every fix applied, again and again while fixes keep appearing (a fix can
/// become certain once another is applied), at most ten times; `None` when nothing changes.
pub(crate) fn fixed_point(linter: &Linter, source: &str, report: &Report) -> Option<String> {
    let mut text = apply_fixes(source, report)?;
    for _ in 0..9 {
        match apply_fixes(&text, &linter.lint_str(&text)) {
            Some(next) if next != text => text = next,
            _ => break,
        }
    }
    Some(text)
}
