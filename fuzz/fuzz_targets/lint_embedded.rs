#![no_main]
//! Text read as a Terraform file, a Packer template and a shell script: no panic, and every span of every
//! report lies inside the text, on character boundaries.
use importimage_lint::embedded::{Context, Host, Providers};
use importimage_lint::Linter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let cx = Context::with_providers(Providers::read(s));
    for host in [Host::Terraform, Host::Packer, Host::AliyunCli] {
        for found in Linter::default().lint_embedded(s, host, &cx) {
            for d in &found.report.diagnostics {
                if let Some(span) = d.span {
                    assert!(span.start <= span.end && span.end <= s.len(), "{span:?}");
                    assert!(s.is_char_boundary(span.start) && s.is_char_boundary(span.end));
                }
            }
            let _ = importimage_lint::embedded::apply_fixes(s, host, &[found]);
        }
    }
});
