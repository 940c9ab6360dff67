//! Search safety: names and text holding markup reach the index in the form the search page
//! shows as text. Pagefind's UI inserts facet names and values as HTML, and result titles and
//! labels as text; excerpts are escaped by the search page itself
//! (tests/e2e/search-xss.test.mjs checks all of it in a browser).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use crate::common::*;
use serde_json::Value;

/// What Pagefind stores about a page: URL → its fragment (`filters`, `meta`, `content`, …).
fn fragments(output: &Path) -> BTreeMap<String, Value> {
    let folder = output.join("pagefind").join("fragment");
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(&folder).expect("the index has fragments") {
        let path = entry.expect("folder entry").path();
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path).expect("open fragment"))
            .read_to_end(&mut bytes)
            .unwrap_or_else(|e| panic!("{} is not gzip: {e}", path.display()));
        let json = &bytes[bytes.iter().position(|b| *b == b'{').expect("JSON")..];
        let fragment: Value = serde_json::from_slice(json).expect("fragment JSON");
        let url = fragment["url"].as_str().expect("url").to_string();
        found.insert(url, fragment);
    }
    found
}

fn hostile_site() -> (Site, BTreeMap<String, Value>) {
    let site = Site::copy("search_xss");
    let output = site.build_ok();
    let fragments = fragments(&output);
    (site, fragments)
}

fn field<'a>(fragments: &'a BTreeMap<String, Value>, url: &str, path: &[&str]) -> &'a Value {
    let fragment = fragments
        .get(url)
        .unwrap_or_else(|| panic!("{url} is not indexed: {:?}", fragments.keys()));
    path.iter().fold(fragment, |value, key| &value[*key])
}

#[test]
fn facet_values_are_stored_as_markup_that_shows_the_written_text() {
    let (_site, fragments) = hostile_site();
    let practice = "/benchlearning/fr/bonnes-pratiques/coaching/";
    assert_eq!(
        field(&fragments, practice, &["filters", "SPE"]),
        &serde_json::json!([
            "France &lt;img src=x onerror=alert(&#39;pes-name-fr&#39;)&gt; Travail (FT&lt;svg onload=alert(&#39;acronym&#39;)&gt;)"
        ])
    );
    assert_eq!(
        field(
            &fragments,
            practice,
            &["filters", "Domaine &lt;i&gt;&amp;&lt;/i&gt; d’excellence"]
        ),
        &serde_json::json!(["A – &quot;&gt;&lt;svg onload=alert(&#39;area-fr&#39;)&gt;"])
    );
    // Entities written as text stay text: `&lt;b&gt;` must not come back as a tag.
    assert_eq!(
        field(
            &fragments,
            "/benchlearning/fr/bonnes-pratiques/clubs/",
            &["filters", "SPE"]
        ),
        &serde_json::json!(["Émploi &amp; co &amp;lt;b&amp;gt;gras&amp;lt;/b&amp;gt; (BA)"])
    );
    assert_eq!(
        field(
            &fragments,
            "/benchlearning/en/pes/de-ba/",
            &["filters", "PES"]
        ),
        &serde_json::json!(["Jobs &amp; co &amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt; (BA)"])
    );
}

#[test]
fn no_facet_name_or_value_holds_a_tag() {
    let (_site, fragments) = hostile_site();
    for (url, fragment) in &fragments {
        let filters = fragment["filters"].as_object().expect("filters");
        for (name, values) in filters {
            let values = values.as_array().expect("values");
            for text in
                std::iter::once(name.as_str()).chain(values.iter().filter_map(Value::as_str))
            {
                assert!(
                    !text.contains('<') && !text.contains('>'),
                    "{url}: the facet text {text:?} would be inserted as markup"
                );
            }
        }
    }
}

#[test]
fn titles_and_labels_keep_the_written_text_which_the_ui_shows_as_text() {
    let (_site, fragments) = hostile_site();
    let practice = "/benchlearning/fr/bonnes-pratiques/coaching/";
    assert_eq!(
        field(&fragments, practice, &["meta", "title"]),
        "Accompagnement <img src=x onerror=alert('title-fr')> intensif"
    );
    assert_eq!(
        field(
            &fragments,
            "/benchlearning/fr/bonnes-pratiques/clubs/",
            &["meta", "SPE"]
        ),
        "Émploi & co &lt;b&gt;gras&lt;/b&gt; (BA)"
    );
}
