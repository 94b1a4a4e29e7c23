//! Finding `importimage-lint.toml` (from each input's folder upward, or `--config`) and
//! building one linter per configuration and set of per-file ignores. The command line
//! wins: `--profile` over `profile`, `--select` over a rule the file turns off, `--ignore`
//! over everything; `[per-file-ignores]` still apply to the files they name.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobMatcher};
use importimage_lint::config::{parse_config, Config, CONFIG_FILE};
use importimage_lint::{Lang, Linter, Options, Rule, Severity};

use crate::commands::Flags;
use crate::files::Source;

/// A configuration that cannot be used: which file, where, and why.
#[derive(Debug, Clone)]
pub(crate) struct ConfigFailure {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ConfigFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(l) = self.line {
            write!(f, ":{l}:{}", self.column.unwrap_or(1))?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A configuration file, read, with its patterns compiled.
struct Loaded {
    config: Config,
    /// The folder its patterns are relative to.
    base: PathBuf,
    exclude: Vec<GlobMatcher>,
    ignores: Vec<(GlobMatcher, Vec<Rule>)>,
}

pub(crate) struct Linters {
    explicit: Option<PathBuf>,
    flags: Flags,
    /// The language when neither the flags nor the configuration name one (the language
    /// server's client locale).
    default_lang: Option<Lang>,
    loaded: HashMap<PathBuf, Loaded>,
    cache: HashMap<(Option<PathBuf>, Vec<Rule>), Linter>,
}

/// A glob of a configuration file: with a `/`, it matches the path relative to the file's
/// folder; without, the file name anywhere.
fn matcher(pattern: &str) -> Result<GlobMatcher, String> {
    GlobBuilder::new(pattern)
        .literal_separator(pattern.contains('/'))
        .build()
        .map(|g: Glob| g.compile_matcher())
        .map_err(|e| match crate::ui::lang() {
            Lang::ZhCn => format!("`{pattern}` 不是有效的 glob 模式（“{e}”）"),
            _ => format!("`{pattern}` is not a valid glob: {e}"),
        })
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    })
}

impl Loaded {
    fn matches(&self, glob: &GlobMatcher, path: &Path) -> bool {
        let abs = absolute(path);
        let rel = abs.strip_prefix(&self.base).unwrap_or(&abs);
        glob.is_match(rel) || abs.file_name().is_some_and(|n| glob.is_match(n))
    }
}

impl Linters {
    pub(crate) fn new(explicit: Option<PathBuf>, flags: Flags) -> Self {
        Linters {
            explicit,
            flags,
            default_lang: None,
            loaded: HashMap::new(),
            cache: HashMap::new(),
        }
    }

    /// The same, speaking `lang` where neither the flags nor the configuration say.
    pub(crate) fn with_default_lang(mut self, lang: Option<Lang>) -> Self {
        self.default_lang = lang;
        self
    }

    /// The configuration file that governs a path, read and cached.
    fn config_for(&mut self, path: &Path) -> Result<Option<PathBuf>, ConfigFailure> {
        let file = match &self.explicit {
            Some(p) => Some(p.clone()),
            None => discover(path.parent().unwrap_or(Path::new("."))),
        };
        let Some(file) = file else { return Ok(None) };
        if !self.loaded.contains_key(&file) {
            let fail = |message: String, line, column| ConfigFailure {
                path: file.clone(),
                line,
                column,
                message,
            };
            let text = std::fs::read_to_string(&file)
                .map_err(|e| fail(crate::files::describe(&e), None, None))?;
            let config = parse_config(&text)
                .map_err(|e| fail(e.message_in(crate::ui::lang()), e.line, e.column))?;
            let exclude = config
                .exclude
                .iter()
                .map(|p| matcher(p))
                .collect::<Result<_, _>>()
                .map_err(|m| fail(m, None, None))?;
            let mut ignores = Vec::new();
            for (p, rules) in &config.per_file_ignores {
                ignores.push((matcher(p).map_err(|m| fail(m, None, None))?, rules.clone()));
            }
            let base = absolute(file.parent().unwrap_or(Path::new(".")));
            self.loaded.insert(
                file.clone(),
                Loaded {
                    config,
                    base,
                    exclude,
                    ignores,
                },
            );
        }
        Ok(Some(file))
    }

    /// The language of the command line's own words: the run's (`--lang`, else the `lang`
    /// of the configuration that governs the current folder, else English).
    pub(crate) fn ui_lang(&mut self) -> Lang {
        crate::ui::lang()
    }

    /// Whether a file found in a folder walk is excluded by its configuration.
    pub(crate) fn excluded(&mut self, path: &Path) -> Result<bool, ConfigFailure> {
        let Some(file) = self.config_for(path)? else {
            return Ok(false);
        };
        let loaded = &self.loaded[&file];
        Ok(loaded.exclude.iter().any(|g| loaded.matches(g, path)))
    }

    /// The linter for a source: its configuration's options and per-file ignores, then the
    /// command-line flags.
    pub(crate) fn for_source(&mut self, src: &Source) -> Result<&Linter, ConfigFailure> {
        let path = match src {
            Source::Stdin(name) if name == "-" => PathBuf::from("./-"),
            _ => src.path(),
        };
        let file = self.config_for(&path)?;
        let loaded = file.as_ref().map(|f| &self.loaded[f]);
        let mut ignored: Vec<Rule> = loaded
            .map(|l| {
                l.ignores
                    .iter()
                    .filter(|(g, _)| l.matches(g, &path))
                    .flat_map(|(_, r)| r.iter().copied())
                    .collect()
            })
            .unwrap_or_default();
        ignored.sort();
        ignored.dedup();
        let key = (file.clone(), ignored.clone());
        if !self.cache.contains_key(&key) {
            let mut opts = Options::default();
            if let Some(l) = self.default_lang {
                opts.lang = l;
            }
            if let Some(l) = loaded {
                l.config.apply(&mut opts);
            }
            if let Some(p) = self.flags.profile {
                opts.profile = p;
            }
            if let Some(l) = self.flags.lang {
                opts.lang = l;
            }
            if !self.flags.select.is_empty() {
                for &r in Rule::ALL {
                    if !self.flags.select.contains(&r) {
                        opts.severities.push((r, None));
                    } else if opts
                        .severities
                        .iter()
                        .rev()
                        .find(|(x, _)| *x == r)
                        .is_some_and(|(_, s)| s.is_none())
                    {
                        // A selected rule the configuration turns off is enforced again.
                        opts.severities.push((r, Some(r.severity())));
                    }
                }
            }
            opts.severities
                .extend(ignored.iter().map(|&r| (r, None::<Severity>)));
            opts.severities
                .extend(self.flags.ignore.iter().map(|&r| (r, None)));
            self.cache.insert(key.clone(), Linter::new(opts));
        }
        Ok(&self.cache[&key])
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

/// The `lang` of the configuration file that governs the current folder, if it names one:
/// read even when another key of the file is wrong, so that the error is in that language.
pub(crate) fn lang_here() -> Option<Lang> {
    let file = discover(Path::new("."))?;
    let table: toml::Table = toml::from_str(&std::fs::read_to_string(file).ok()?).ok()?;
    crate::ui::lang_of_tag(table.get("lang")?.as_str()?)
}
