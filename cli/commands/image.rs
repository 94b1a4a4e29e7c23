//! `importimage-lint image`: disk image files before the upload. Each file's headers are
//! read with a few positioned reads (the inspector asks for what it needs); its facts are
//! judged by the image rules against the profile and, with --request, the request's disk.

use std::io::{self, Read, Write};

use importimage_lint::image::inspect;

use super::{exit_code, flags, usage, use_color};
use crate::args::ImageArgs;
use crate::emit::{emitter, Linted, Mode, Out, Subject, Tally};
use crate::files::{self, Source};
use crate::settings::Linters;

pub(crate) fn run(args: ImageArgs) -> io::Result<i32> {
    let set = match flags(&args.common) {
        Ok(f) => f,
        Err(e) => return usage(e),
    };
    let mut linters = Linters::new(args.common.config.clone(), set);
    let mode = Mode {
        color: use_color(args.common.color),
        ndjson: false,
        subject: Subject::Image,
        quiet: false,
        lang: linters.ui_lang(),
    };
    let mut emit = emitter(args.common.format, mode);
    let mut out = Out::new(io::BufWriter::new(io::stdout()));
    let request = match &args.request {
        None => None,
        Some(p) => {
            let mut text = Vec::new();
            let read = if p.as_os_str() == "-" {
                io::stdin().lock().take(16 << 20).read_to_end(&mut text)
            } else {
                std::fs::File::open(p).and_then(|f| f.take(16 << 20).read_to_end(&mut text))
            };
            if let Err(e) = read {
                return usage(files::problem(&p.display().to_string(), &e));
            }
            Some(String::from_utf8_lossy(&text).into_owned())
        }
    };
    // Every file is inspected before anything is reported: one that cannot be read (missing,
    // a folder, a FIFO) stops the run with exit 2, as a request file that cannot be read
    // does, never a summary that says the checks passed without it.
    let mut inspected = Vec::with_capacity(args.files.len());
    for path in &args.files {
        match inspect_file(path) {
            Ok(facts) => inspected.push((path, facts)),
            Err(e) => return usage(files::problem(&path.display().to_string(), &e)),
        }
    }
    let mut tally = Tally::default();
    let mut trouble = false;
    for (path, facts) in inspected {
        let src = Source::File(path.clone());
        let linter = match linters.for_source(&src) {
            Ok(l) => l.clone(),
            Err(e) => {
                emit.config_error(&mut out, &e)?;
                tally.not_linted += 1;
                trouble = true;
                continue;
            }
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let mut check = importimage_lint::ImageCheck::new();
        check.request = request.as_deref().map(importimage_lint::RequestInput::Text);
        check.disk = args.disk;
        check.file_name = name.as_deref();
        let report = linter.check_image(&facts, &check);
        if let Some(n) = args.disk {
            // --disk naming a disk the request does not have is the caller's mistake.
            let param = format!("DiskDeviceMapping.{n}");
            if let Some(d) = report.diagnostics.iter().find(|d| {
                d.rule == importimage_lint::Rule::InvalidInput && d.param.as_deref() == Some(&param)
            }) {
                let colon = crate::ui::words(crate::ui::lang()).colon;
                return usage(format!("--disk {n}{colon}{}", d.message));
            }
        }
        tally.add(&report);
        let mut linted = Linted::new(src.name(), String::new(), linter.options().profile, report);
        linted.image = Some(facts);
        emit.report(&mut out, linted)?;
    }
    emit.finish(&mut out, &tally)?;
    out.flush()?;
    Ok(exit_code(&args.common, &tally, trouble))
}

/// The facts of the image at `path`, read with a few positioned reads.
fn inspect_file(path: &std::path::Path) -> io::Result<importimage_lint::image::ImageFacts> {
    refuse_special(path)?;
    let mut f = std::fs::File::open(path)?;
    if f.metadata()?.is_dir() {
        return Err(io::ErrorKind::IsADirectory.into());
    }
    inspect(&mut f)
}

/// Opening a FIFO or a character device would block, or read forever: only regular files
/// (and block devices, which hold disks) are images.
fn refuse_special(path: &std::path::Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = std::fs::metadata(path)?.file_type();
        let zh = crate::ui::lang() == importimage_lint::Lang::ZhCn;
        let what = if kind.is_fifo() {
            Some(if zh {
                "是命名管道（FIFO），不是镜像文件"
            } else {
                "is a FIFO (named pipe), not an image file"
            })
        } else if kind.is_char_device() {
            Some(if zh {
                "是字符设备，不是镜像文件"
            } else {
                "is a character device, not an image file"
            })
        } else if kind.is_socket() {
            Some(if zh {
                "是套接字，不是镜像文件"
            } else {
                "is a socket, not an image file"
            })
        } else {
            None
        };
        if let Some(what) = what {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, what));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
