//! Finding `importimage-lint.toml` (from each linted file's folder upward, or `--config`)
//! and building one linter per configuration, with the command-line flags applied last.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use importimage_lint::config::{parse_config, CONFIG_FILE};
use importimage_lint::profile::Profile;
use importimage_lint::{Linter, Options, Rule, Severity};

use crate::files::Source;

pub(crate) struct Linters {
    explicit: Option<PathBuf>,
    profile: Option<&'static Profile>,
    severities: Vec<(Rule, Option<Severity>)>,
    cache: HashMap<Option<PathBuf>, Linter>,
}

impl Linters {
    pub(crate) fn new(
        explicit: Option<PathBuf>,
        profile: Option<&'static Profile>,
        severities: Vec<(Rule, Option<Severity>)>,
    ) -> Self {
        Linters {
            explicit,
            profile,
            severities,
            cache: HashMap::new(),
        }
    }

    /// The linter for a source: its configuration file's options, then the flags.
    pub(crate) fn for_source(&mut self, src: &Source) -> Result<&Linter, String> {
        let path = match (&self.explicit, src) {
            (Some(p), _) => Some(p.clone()),
            (None, Source::File(f)) => discover(f.parent().unwrap_or(Path::new("."))),
            (None, Source::Stdin(_)) => discover(Path::new(".")),
        };
        if !self.cache.contains_key(&path) {
            let mut opts = Options::default();
            if let Some(p) = &path {
                let text = std::fs::read_to_string(p)
                    .map_err(|e| format!("{}: {}", p.display(), crate::files::describe(&e)))?;
                let config = parse_config(&text).map_err(|e| format!("{}: {e}", p.display()))?;
                config.apply(&mut opts);
            }
            if let Some(p) = self.profile {
                opts.profile = p;
            }
            opts.severities.extend(self.severities.iter().copied());
            self.cache.insert(path.clone(), Linter::new(opts));
        }
        Ok(&self.cache[&path])
    }
}

/// The nearest `importimage-lint.toml` in `dir` or a folder above it.
fn discover(dir: &Path) -> Option<PathBuf> {
    let start = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let abs = std::fs::canonicalize(start).ok()?;
    abs.ancestors()
        .map(|d| d.join(CONFIG_FILE))
        .find(|p| p.is_file())
}
