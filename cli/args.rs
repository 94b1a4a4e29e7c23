//! The command line, as clap structs.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use importimage_lint::Lang;

/// A language tag: `en`, or `zh-CN` written in any letter case, with `-` or `_`, or `zh`.
fn parse_lang(tag: &str) -> Result<Lang, String> {
    crate::ui::lang_of_tag(tag)
        .ok_or_else(|| crate::ui::Problem::UnknownLang { tag }.say(crate::ui::lang()))
}

const AFTER_HELP: &str = "\
Examples:
  importimage-lint examples/import-image.json        lint a file
  importimage-lint requests/                         lint every request file under a folder
  cat req.json | importimage-lint --format json -    lint stdin, print the report as JSON
  importimage-lint --ndjson batch.ndjson             one request per line
  importimage-lint infra/main.tf deploy/import.sh    Terraform resources, aliyun CLI commands
  importimage-lint rules                             list every rule
  importimage-lint explain image-name-length         what a rule checks, with examples
  importimage-lint role examples/import-role.json --request examples/import-image.json
                                                     check the RAM role of the import

Request files are JSON objects (flat API names, or as the SDKs' models serialise them) or
query strings. In a folder, files are linted when their name contains `importimage`,
`import-image` or `import_image` (any case) and ends in .json, .query, .txt or .url; .tf
files with an alicloud_image_import resource and shell scripts with an `aliyun ecs
ImportImage` command are linted too, each request where it is written.

An importimage-lint.toml, found from each file's folder upward (or named with --config),
sets the profile, the language and per-rule severities; command-line flags win.
--lang zh-CN writes messages, help and the summary in Simplified Chinese.

Exit codes: 0 no errors, 1 errors found, 2 usage or I/O error.";

/// Lint Alibaba Cloud ECS ImportImage requests offline, before the upload.
#[derive(Debug, Parser)]
#[command(name = "importimage-lint", version, after_help = AFTER_HELP, args_conflicts_with_subcommands = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub lint: LintArgs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// List every rule: id, severity, API error code per profile, summary.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        /// The language of the summaries: en (default) or zh-CN.
        #[arg(long, value_name = "LANG", value_parser = parse_lang, default_value = "en")]
        lang: Lang,
    },
    /// Check the RAM role of an import offline: its name, trust policy and permissions, and
    /// with --request, that the policies' Resources cover what the request's disks read.
    Role(RoleArgs),
    /// Check disk image files before the upload: what each is (format, virtual size, boot
    /// layout, read from its headers), and with --request, against the request's disk.
    Image(ImageArgs),
    /// Explain one rule: what it checks, why, what each profile says, and examples.
    Explain {
        /// The rule id, such as image-name-length.
        rule: String,
        /// The language of the page: en (default) or zh-CN.
        #[arg(long, value_name = "LANG", value_parser = parse_lang, default_value = "en")]
        lang: Lang,
    },
    /// Print each profile's table: its parameters, their kinds, values, limits and defaults.
    Profiles {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ProfilesFormat::Text)]
        format: ProfilesFormat,
        /// The language of the descriptions: en (default) or zh-CN.
        #[arg(long, value_name = "LANG", value_parser = parse_lang, default_value = "en")]
        lang: Lang,
    },
    /// Print a JSON Schema (draft 2020-12) of a request, generated from a profile's table,
    /// for editors and schema validators. It accepts every JSON form the linter reads.
    Schema {
        /// The API revision: 2019-01 (the API reference, default) or current.
        #[arg(long, value_name = "PROFILE", default_value = "2019-01")]
        profile: String,
        /// Which names editors offer: flat API names, the SDKs' nested model shape, or
        /// both (default). Every form validates alike.
        #[arg(long, value_enum, default_value_t = SchemaForm::Any)]
        form: SchemaForm,
    },
    /// Run the language server (LSP over standard input and output) for editors: diagnostics,
    /// quick fixes, hover and completion in request files, .tf files and shell scripts.
    Server(ServerArgs),
}

#[derive(Debug, clap::Args)]
pub(crate) struct ServerArgs {
    /// The language of messages: en or zh-CN (default: the configuration file's `lang`,
    /// else the client's locale, else en).
    #[arg(long, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// The API revision, over any configuration file's `profile`.
    #[arg(long, value_name = "PROFILE")]
    pub profile: Option<String>,
    /// Accepted for clients that start every server with --stdio; stdio is the only
    /// transport.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum ProfilesFormat {
    /// One block per profile, one line per parameter.
    Text,
    /// The tables as data: the shape the npm package's `profiles()` returns.
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum SchemaForm {
    /// Both flat names and the nested models.
    Any,
    /// `{"DiskDeviceMapping.1.OSSBucket": "…"}`.
    Flat,
    /// `{"DiskDeviceMapping": [{"OSSBucket": "…"}]}`.
    Nested,
}

#[derive(Debug, clap::Args)]
pub(crate) struct RoleArgs {
    /// The role bundle (JSON: RoleName, AssumeRolePolicyDocument, Policies; or GetRole's
    /// output); `-` reads standard input. See examples/import-role.json.
    pub bundle: PathBuf,
    /// The ImportImage request whose disks the role must be able to read.
    #[arg(long, value_name = "REQUEST")]
    pub request: Option<PathBuf>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ImageArgs {
    /// The image files (a few headers of each are read, whatever their size).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The ImportImage request that will import them.
    #[arg(long, value_name = "REQUEST")]
    pub request: Option<PathBuf>,
    /// The request's disk N the files are (default: the disk whose OSSObject ends with the
    /// file's name, else 1). A disk the request does not have is a usage error.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub disk: Option<u32>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum ListFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum Format {
    /// path:line:col, the line with a caret, help and API error code.
    Text,
    /// An array of file reports: the library's report with its `path`.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// GitLab Code Quality report (a JSON array), for merge request widgets.
    Gitlab,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum Color {
    Auto,
    Always,
    Never,
}

/// Options shared by linting requests and checking a role.
#[derive(Debug, clap::Args)]
pub(crate) struct Common {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The API revision whose rules apply: 2019-01 (the API reference, default) or current.
    #[arg(long, value_name = "PROFILE")]
    pub profile: Option<String>,
    /// The language of messages, help and the summary: en (default) or zh-CN. Rule ids,
    /// parameter names, API error codes and JSON keys stay as they are.
    #[arg(long, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Configuration file to use instead of the importimage-lint.toml found from each
    /// linted file's folder upward.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Only report these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Never report these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Exit 0 even when errors are found.
    #[arg(long)]
    pub exit_zero: bool,
    /// Treat warnings as errors for the exit code.
    #[arg(long)]
    pub deny_warnings: bool,
    /// When to colour text output (else FORCE_COLOR, NO_COLOR, then whether stdout is a terminal).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, clap::Args)]
pub(crate) struct LintArgs {
    /// Files or folders to lint; `-` reads standard input.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub common: Common,
    /// Name used for standard input in messages.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
    /// Read one request per line (from the files given, or standard input).
    #[arg(long)]
    pub ndjson: bool,
    /// Threads that lint --ndjson lines (output stays in input order); 0, the default,
    /// means one per core.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Rewrite values that have a certain fix, in place, keeping every other byte.
    #[arg(long)]
    pub fix: bool,
    /// Show what --fix would change, without writing; exit 1 when something would change.
    #[arg(long)]
    pub diff: bool,
}
