//! Print: a page names the site's origin for its stylesheet, which prints a link's path behind
//! it as a full address.

use crate::common::{built_example, parsed, select};

#[test]
fn every_page_names_the_origin_its_printed_links_begin_with() {
    let out = built_example();
    for path in [
        "fr/index.html",
        "en/indicators/index.html",
        "index.html",
        "404.html",
    ] {
        let page = parsed(out, path);
        let html = select(&page, "html");
        assert_eq!(
            html[0].value().attr("style"),
            // site.yaml: base_url "https://example.org/benchlearning/"; links begin with its path.
            Some(r#"--site-origin: "https://example.org""#),
            "{path}"
        );
    }
}
