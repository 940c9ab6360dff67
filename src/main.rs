//! The `benchlearn` command line.

// The tool prints through `terminal`, which survives a closed pipe (`build | head -1`).
#![warn(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use benchlearn::commands;
use benchlearn::model::documents::Section;
use benchlearn::web_address;

/// Build bilingual benchlearning sites for public employment services from YAML and Markdown.
#[derive(Debug, Parser)]
#[command(name = "benchlearn", version, about, long_about = None)]
struct Cli {
    /// The site folder (the one holding site.yaml).
    #[arg(short, long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder; a failed build leaves it untouched.
    Build {
        /// Where to write the site (default: <root>/output, or <root>/output-NAME with --edition NAME).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Publish at this address instead of site.yaml's base_url (e.g. for a preview).
        #[arg(short = 'u', long, value_parser = web_address_argument)]
        base_url: Option<String>,
        /// Include documents marked `draft: true` (left out otherwise).
        #[arg(short = 'D', long)]
        drafts: bool,
        /// The edition of site.yaml's `editions:` to build (e.g. `members`); by default the
        /// one for the widest readership (`public`), which shows least.
        #[arg(short, long)]
        edition: Option<String>,
    },
    /// Build the site in memory, serve it and rebuild and reload the browser on every save.
    Serve {
        /// The port to listen on (0 picks a free one).
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// Make pages for this address instead of the server's own (as `build --base-url`);
        /// the site is then served under its path.
        #[arg(short = 'u', long, value_parser = web_address_argument)]
        base_url: Option<String>,
        /// The address to listen on; anything but loopback exposes the preview to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the preview in the default browser.
        #[arg(long)]
        open: bool,
        /// Poll for changes instead of relying on file events (network drives, containers).
        #[arg(long)]
        poll: bool,
        /// Include documents marked `draft: true`, each with a "Draft" badge.
        #[arg(short = 'D', long)]
        drafts: bool,
        /// The edition of site.yaml's `editions:` to preview (e.g. `members`); by default the
        /// one for the widest readership (`public`), which shows least.
        #[arg(short, long)]
        edition: Option<String>,
        /// Also answer to this host name (repeatable); by default only localhost and IP
        /// addresses are answered, so that other web sites cannot read the preview.
        #[arg(long = "allowed-host", value_name = "NAME", value_parser = benchlearn::serve::parse_allowed_host)]
        allowed_hosts: Vec<String>,
    },
    /// Check data, front matter, references, links and translations without writing anything.
    Check {
        /// Also list, per language, missing and stale translations and missing UI strings.
        #[arg(long)]
        translations: bool,
        /// Check documents marked `draft: true` too, as `build --drafts` would build them.
        #[arg(short = 'D', long)]
        drafts: bool,
        /// The edition of site.yaml's `editions:` to check links and pages of (e.g. `members`); by default the
        /// one for the widest readership (`public`), which shows least.
        #[arg(short, long)]
        edition: Option<String>,
        /// How to print problems: `human` (with snippets, on standard error) or `json` (one
        /// object a line on standard output, for editors and CI).
        #[arg(long, value_enum, default_value_t = Format::Human, conflicts_with = "translations")]
        format: Format,
    },
    /// Write JSON Schema files for every data file and front-matter kind, for editors.
    Schema {
        /// Where to write the schemas (default: <root>/schemas).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Create a small bilingual site to start from, which builds at once.
    Init {
        /// The folder to create it in (default: the --root folder); nothing is overwritten.
        folder: Option<PathBuf>,
    },
    /// Create a document skeleton in every language of the site.
    New {
        /// What kind of document to create.
        kind: Kind,
        /// The slug: lower-case letters, digits and hyphens (e.g. youth-guarantee).
        slug: String,
    },
}

/// How `check` prints problems.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

impl From<Format> for commands::Format {
    fn from(format: Format) -> commands::Format {
        match format {
            Format::Human => commands::Format::Human,
            Format::Json => commands::Format::Json,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Kind {
    Practice,
    Visit,
    Report,
    Page,
}

impl From<Kind> for Section {
    fn from(kind: Kind) -> Section {
        match kind {
            Kind::Practice => Section::Practices,
            Kind::Visit => Section::Visits,
            Kind::Report => Section::Reports,
            Kind::Page => Section::Pages,
        }
    }
}

/// Checks `--base-url` as clap parses it, so a bad address stops the command before any work.
fn web_address_argument(text: &str) -> Result<String, String> {
    web_address::check(text)
        .map(|()| text.to_string())
        .map_err(|reason| {
            format!("{reason}; expected an absolute http(s) URL such as https://example.org/benchlearning/")
        })
}

fn main() {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Build {
            output,
            base_url,
            drafts,
            edition,
        } => {
            // An edition named goes to a folder of its own, so a members' build never lands
            // where the public site is published from by mistake.
            let folder = edition
                .as_ref()
                .map_or("output".to_string(), |name| format!("output-{name}"));
            let destination = output.unwrap_or_else(|| cli.root.join(folder));
            let options = benchlearn::pipeline::Options {
                base_url,
                drafts,
                edition,
            };
            commands::build::run(&cli.root, &destination, options)
        }
        Command::Serve {
            port,
            bind,
            open,
            poll,
            drafts,
            allowed_hosts,
            base_url,
            edition,
        } => commands::serve::run(&commands::serve::Options {
            root: cli.root,
            bind,
            port,
            open,
            poll,
            drafts,
            allowed_hosts,
            base_url,
            edition,
        }),
        Command::Check {
            translations,
            drafts,
            edition,
            format,
        } => commands::check::run(&cli.root, translations, drafts, edition, format.into()),
        Command::Schema { output } => {
            let destination = output.unwrap_or_else(|| cli.root.join("schemas"));
            commands::schema::run(&cli.root, &destination)
        }
        Command::Init { folder } => commands::init::run(&folder.unwrap_or(cli.root)),
        Command::New { kind, slug } => commands::new::run(&cli.root, kind.into(), &slug),
    };
    std::process::exit(outcome.exit_code());
}
