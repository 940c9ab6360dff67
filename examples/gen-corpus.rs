//! Writes a large, valid benchlearn site — and the same practices as a Hugo site — for
//! benchmarks: `cargo run --release --example gen-corpus -- --practices 5000 --out DIR`.
//!
//! The output is deterministic for a given set of arguments (seeded generator), so two runs
//! benchmark the same input.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use clap::Parser;

/// Corpus size and destination.
#[derive(Debug, Parser)]
struct Args {
    /// Good practices, each written in French and English.
    #[arg(long, default_value_t = 1000)]
    practices: usize,
    /// Member PES.
    #[arg(long, default_value_t = 40)]
    pes: usize,
    /// Years of observations, ending with last year.
    #[arg(long, default_value_t = 10)]
    years: i32,
    /// Seed of the generator.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Folder to write `benchlearn/` and `hugo/` into.
    #[arg(long)]
    out: PathBuf,
}

const LANGS: [&str; 2] = ["fr", "en"];
const AREAS: [&str; 7] = ["A", "B", "C", "D", "E", "F", "G"];
const GROUPS: [&str; 6] = [
    "youth",
    "long-term-unemployed",
    "older-workers",
    "women",
    "migrants",
    "employers",
];
const STATUSES: [&str; 3] = ["pilot", "ongoing", "completed"];
const INDICATORS: [(&str, &str, &str); 6] = [
    ("transitions-to-employment", "percent", "higher"),
    ("exits-from-register", "percent", "higher"),
    ("vacancies-filled", "percent", "higher"),
    ("jobseeker-satisfaction", "percent", "higher"),
    ("employer-satisfaction", "percent", "higher"),
    ("unemployment-duration", "days", "lower"),
];

fn main() -> io::Result<()> {
    let args = Args::parse();
    let mut rng = fastrand::Rng::with_seed(args.seed);
    let last_year = 2025;
    let site = args.out.join("benchlearn");
    let hugo = args.out.join("hugo");
    for dir in [&site, &hugo] {
        if dir.exists() {
            fs::remove_dir_all(dir)?;
        }
    }
    write_site_config(&site)?;
    write_data(&site, &args, last_year, &mut rng)?;
    let practices: Vec<Practice> = (0..args.practices)
        .map(|i| Practice::new(i, &args, &mut rng))
        .collect();
    for practice in &practices {
        for lang in LANGS {
            let body = practice.body(lang, &practices);
            let ours = body.replace("](/practices/", "](@/practices/");
            let hugos = body
                .replace("](/practices/", "]({{< ref \"/practices/")
                .replace(".md)", ".md\" >}})");
            write(
                &site.join(format!("content/practices/{}.{lang}.md", practice.slug)),
                &(practice.front_matter(lang, last_year) + &ours),
            )?;
            write(
                &hugo.join(format!("content/{lang}/practices/{}.md", practice.slug)),
                &(practice.hugo_front_matter(lang) + &hugos),
            )?;
        }
    }
    for visit in 0..(args.practices / 20).max(1) {
        for lang in LANGS {
            write(
                &site.join(format!("content/visits/visit-{visit}.{lang}.md")),
                &visit_text(visit, lang, &args, last_year),
            )?;
        }
    }
    write_hugo_site(&hugo)?;
    benchlearn::terminal::stderr_line(format_args!(
        "wrote {} practices × 2 languages to {} and {}",
        args.practices,
        site.display(),
        hugo.display()
    ));
    Ok(())
}

fn write(path: &Path, text: &str) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, text)
}

fn write_site_config(site: &Path) -> io::Result<()> {
    write(
        &site.join("site.yaml"),
        "title: {fr: \"Corpus de test\", en: \"Test corpus\"}\n\
         description: {fr: \"Un site généré pour mesurer les performances.\", en: \"A generated site to measure performance.\"}\n\
         base_url: \"https://example.org/bench/\"\n\
         languages: [fr, en]\n\
         default_language: fr\n\
         options:\n  illustrative_data: true\n",
    )
}

/// Country codes CLDR names, given to the members in turn.
const COUNTRIES: [&str; 30] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "NO", "IS", "LI",
];

fn pes_id(index: usize) -> String {
    format!("pes-{index:02}")
}

fn write_data(site: &Path, args: &Args, last_year: i32, rng: &mut fastrand::Rng) -> io::Result<()> {
    let data = site.join("content/data");
    let mut clusters = String::new();
    for c in 0..4 {
        writeln!(clusters, "- id: cluster-{c}\n  name: {{fr: \"Groupe {c}\", en: \"Group {c}\"}}\n  description: {{fr: \"Marchés du travail comparables {c}.\", en: \"Comparable labour markets {c}.\"}}").unwrap_or(());
    }
    write(&data.join("clusters.yaml"), &clusters)?;
    write(
        &data.join("networks.yaml"),
        "- id: eu-pes\n  name: {fr: \"Réseau européen des SPE\", en: \"European PES Network\"}\n",
    )?;
    write(
        &data.join("categories.yaml"),
        "- id: outcomes\n  name: {fr: \"Résultats\", en: \"Outcomes\"}\n",
    )?;
    let mut pes = String::new();
    for p in 0..args.pes {
        let country = COUNTRIES[p % COUNTRIES.len()];
        writeln!(pes, "- id: {}\n  name: {{fr: \"Service public de l'emploi {p}\", en: \"Public employment service {p}\"}}\n  acronym: PES{p}\n  country: {country}\n  network: eu-pes\n  cluster: cluster-{}", pes_id(p), p % 4).unwrap_or(());
    }
    write(&data.join("pes.yaml"), &pes)?;
    let mut indicators = String::new();
    for (id, unit, better) in INDICATORS {
        writeln!(indicators, "- id: {id}\n  name: {{fr: \"Indicateur {id}\", en: \"Indicator {id}\"}}\n  definition: {{fr: \"Définition de {id}.\", en: \"Definition of {id}.\"}}\n  unit: {unit}\n  better: {better}\n  category: outcomes").unwrap_or(());
    }
    write(&data.join("indicators.yaml"), &indicators)?;
    let mut csv = String::from("pes,indicator,year,value\n");
    for p in 0..args.pes {
        for (id, unit, _) in INDICATORS {
            for year in (last_year - args.years + 1)..=last_year {
                let value = if unit == "percent" {
                    20.0 + rng.f64() * 70.0
                } else {
                    80.0 + rng.f64() * 300.0
                };
                writeln!(csv, "{},{id},{year},{value:.1}", pes_id(p)).unwrap_or(());
            }
        }
    }
    write(&data.join("observations/all.csv"), &csv)?;
    let mut areas = String::new();
    for area in AREAS {
        writeln!(
            areas,
            "- id: {area}\n  name: {{fr: \"Domaine {area}\", en: \"Area {area}\"}}\n  enablers:"
        )
        .unwrap_or(());
        for e in 1..=3 {
            writeln!(areas, "    - id: {area}{e}\n      name: {{fr: \"Facteur {area}{e}\", en: \"Enabler {area}{e}\"}}").unwrap_or(());
        }
    }
    write(&data.join("areas.yaml"), &areas)?;
    for p in 0..args.pes {
        let mut scores = String::from("scores:\n");
        for area in AREAS {
            for e in 1..=3 {
                let peer = rng.i64(1..=6);
                let self_score = (peer + rng.i64(0..=1)).min(6);
                writeln!(
                    scores,
                    "  - enabler: {area}{e}\n    self: {self_score}\n    peer: {peer}"
                )
                .unwrap_or(());
            }
        }
        write(
            &data.join(format!("assessments/{}/{}.yaml", last_year - 1, pes_id(p))),
            &scores,
        )?;
    }
    for p in 0..args.pes.min(10) {
        let framework = format!(
            "title: {{fr: \"Cadre de performance\", en: \"Performance framework\"}}\npillars:\n  - id: services\n    name: {{fr: \"Services\", en: \"Services\"}}\n    kpis:\n      - id: online-services\n        name: {{fr: \"Services en ligne\", en: \"Online services\"}}\n        unit: count\n        baseline: {{year: {}, value: 2}}\n        targets: {{{}: 8}}\n        actuals: {{{}: 5}}\nactivities:\n  - name: {{fr: \"Ouvrir le portail\", en: \"Open the portal\"}}\n    kpi: online-services\n    responsible: \"Direction\"\n    due: {}-06-30\n    status: done\n",
            last_year - 3, last_year, last_year - 1, last_year - 1
        );
        write(
            &data.join(format!("frameworks/{}.yaml", pes_id(p))),
            &framework,
        )?;
    }
    Ok(())
}

/// One generated good practice.
struct Practice {
    slug: String,
    pes: String,
    areas: Vec<&'static str>,
    groups: Vec<&'static str>,
    status: &'static str,
    start_year: i32,
    related: [usize; 2],
    figures: [u32; 3],
}

const TOPICS: [(&str, &str); 8] = [
    (
        "accompagnement intensif des jeunes",
        "intensive support for young people",
    ),
    ("évaluation des compétences", "skills assessment"),
    ("relations avec les employeurs", "relations with employers"),
    ("profilage statistique", "statistical profiling"),
    ("services numériques", "digital services"),
    ("formation des conseillers", "counsellor training"),
    ("partenariats locaux", "local partnerships"),
    (
        "retour à l'emploi des seniors",
        "older workers' return to work",
    ),
];

impl Practice {
    fn new(index: usize, args: &Args, rng: &mut fastrand::Rng) -> Practice {
        let mut areas = vec![AREAS[index % 7]];
        if rng.bool() {
            areas.push(AREAS[(index + 3) % 7]);
        }
        Practice {
            slug: format!("practice-{index:05}"),
            pes: pes_id(index % args.pes),
            areas,
            groups: vec![GROUPS[index % GROUPS.len()]],
            status: STATUSES[index % 3],
            start_year: 2012 + (index % 12) as i32,
            related: [rng.usize(0..args.practices), rng.usize(0..args.practices)],
            figures: [rng.u32(10..500), rng.u32(10..100), rng.u32(1..50)],
        }
    }

    fn topic(&self, lang: &str) -> &'static str {
        let topic = TOPICS[self.slug.len() % 3 + (self.figures[0] as usize % 6)];
        if lang == "fr" {
            topic.0
        } else {
            topic.1
        }
    }

    fn title(&self, lang: &str) -> String {
        let n = &self.slug[9..];
        match lang {
            "fr" => format!("Pratique {n} : {}", self.topic(lang)),
            _ => format!("Practice {n}: {}", self.topic(lang)),
        }
    }

    fn front_matter(&self, lang: &str, last_year: i32) -> String {
        let areas = self.areas.join(", ");
        let groups = self.groups.join(", ");
        let summary = match lang {
            "fr" => format!(
                "Une démarche de {} menée par un service public de l'emploi.",
                self.topic(lang)
            ),
            _ => format!(
                "An approach to {} led by a public employment service.",
                self.topic(lang)
            ),
        };
        format!(
            "---\ntitle: \"{}\"\nsummary: \"{summary}\"\npes: {}\nareas: [{areas}]\ntarget_groups: [{groups}]\nstart_year: {}\nstatus: {}\nupdated: {last_year}-03-01\n---\n",
            self.title(lang), self.pes, self.start_year, self.status
        )
    }

    fn hugo_front_matter(&self, lang: &str) -> String {
        let tags: Vec<String> = self
            .areas
            .iter()
            .chain(&self.groups)
            .map(|t| format!("\"{t}\""))
            .collect();
        format!(
            "---\ntitle: \"{}\"\ndate: 2025-03-01\ntags: [{}]\n---\n",
            self.title(lang),
            tags.join(", ")
        )
    }

    /// The Markdown body; links to other practices are written `](/practices/<slug>.md)` and
    /// turned into each tool's own link syntax by the caller.
    fn body(&self, lang: &str, all: &[Practice]) -> String {
        let [a, b] = self.related.map(|i| &all[i].slug);
        let [people, rate, offices] = self.figures;
        match lang {
            "fr" => format!(
                "## Contexte\n\nLe service a constaté que le {} demandait une approche nouvelle. Les conseillers, les employeurs et les partenaires ont été associés dès le départ.\n\n## Ce qui a été fait\n\n- un diagnostic partagé avec les équipes ;\n- des ateliers réguliers avec les demandeurs d'emploi ;\n- un suivi mensuel des résultats.\n\n| Indicateur | Valeur |\n| --- | --- |\n| Personnes accompagnées | {people} |\n| Taux de retour à l'emploi | {rate} % |\n| Agences engagées | {offices} |\n\n## Enseignements\n\nVoir aussi [une pratique voisine](/practices/{a}.md) et [une autre expérience](/practices/{b}.md). Les résultats restent à confirmer sur la durée, mais la démarche est jugée transférable.\n",
                self.topic(lang)
            ),
            _ => format!(
                "## Context\n\nThe service found that {} called for a new approach. Counsellors, employers and partners were involved from the start.\n\n## What was done\n\n- a diagnosis shared with the teams;\n- regular workshops with jobseekers;\n- monthly monitoring of results.\n\n| Indicator | Value |\n| --- | --- |\n| People supported | {people} |\n| Return-to-work rate | {rate}% |\n| Offices involved | {offices} |\n\n## Lessons\n\nSee also [a related practice](/practices/{a}.md) and [another experience](/practices/{b}.md). Results still need to be confirmed over time, but the approach is considered transferable.\n",
                self.topic(lang)
            ),
        }
    }
}

fn visit_text(index: usize, lang: &str, args: &Args, last_year: i32) -> String {
    let host = pes_id(index % args.pes);
    let year = last_year - (index % 5) as i32;
    let (title, body) = match lang {
        "fr" => (
            format!("Visite d'étude {index}"),
            "## Programme\n\nTrois journées d'ateliers et de visites d'agences.\n",
        ),
        _ => (
            format!("Study visit {index}"),
            "## Programme\n\nThree days of workshops and office visits.\n",
        ),
    };
    format!(
        "---\ntitle: \"{title}\"\nhost: {host}\nstart_date: {year}-02-03\nend_date: {year}-02-05\nlocation: \"Ville {index}\"\norganiser: \"Secrétariat\"\nparticipants: {{officials: 20, experts: 4, observers: 2, coordinators: 1}}\nobjectives: [\"Comparer les méthodes\"]\nnext_steps: [\"Deuxième visite\"]\nupdated: {year}-03-01\n---\n{body}"
    )
}

fn write_hugo_site(hugo: &Path) -> io::Result<()> {
    write(
        &hugo.join("hugo.toml"),
        "baseURL = \"https://example.org/bench/\"\ndefaultContentLanguage = \"fr\"\ndefaultContentLanguageInSubdir = true\ndisableKinds = [\"RSS\"]\n\n[languages.fr]\ncontentDir = \"content/fr\"\nlanguageName = \"Français\"\nweight = 1\n\n[languages.en]\ncontentDir = \"content/en\"\nlanguageName = \"English\"\nweight = 2\n\n[taxonomies]\ntag = \"tags\"\n",
    )?;
    let head = "<!doctype html><html lang=\"{{ .Site.Language.Lang }}\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title>{{ range .AllTranslations }}<link rel=\"alternate\" hreflang=\"{{ .Language.Lang }}\" href=\"{{ .Permalink }}\">{{ end }}</head><body><nav>{{ range .Translations }}<a href=\"{{ .RelPermalink }}\">{{ .Language.LanguageName }}</a>{{ end }}</nav><main>";
    let foot = "</main></body></html>\n";
    write(&hugo.join("layouts/_default/single.html"), &format!("{head}<h1>{{{{ .Title }}}}</h1>{{{{ .Content }}}}<ul>{{{{ range .Params.tags }}}}<li>{{{{ . }}}}</li>{{{{ end }}}}</ul>{foot}"))?;
    write(&hugo.join("layouts/_default/list.html"), &format!("{head}<h1>{{{{ .Title }}}}</h1><ul>{{{{ range .Pages }}}}<li><a href=\"{{{{ .RelPermalink }}}}\">{{{{ .Title }}}}</a></li>{{{{ end }}}}</ul>{foot}"))?;
    write(&hugo.join("layouts/index.html"), &format!("{head}<h1>{{{{ .Site.Title }}}}</h1><ul>{{{{ range first 10 .Site.RegularPages }}}}<li><a href=\"{{{{ .RelPermalink }}}}\">{{{{ .Title }}}}</a></li>{{{{ end }}}}</ul>{foot}"))
}
