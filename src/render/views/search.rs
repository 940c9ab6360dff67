//! What a searchable page tells the search index (its facets and result labels, which templates
//! write as `data-pagefind-*` attributes for [`crate::search`]), and the header's search box.

use crate::model::data::Pes;
use crate::model::documents::Section;
use crate::model::lang::Lang;
use crate::render::views::{SearchBox, SearchRecord};
use crate::render::Context;

impl Context<'_> {
    pub(crate) fn search_box(&self, lang: &Lang) -> Option<SearchBox> {
        self.site.config.search.enabled.then(|| SearchBox {
            url: self.routes.link(&self.routes.search(lang)),
        })
    }

    /// The record of a document shown in `lang`; none for a page that shows another
    /// language's text, which that language's index already holds.
    pub(crate) fn document_record(
        &self,
        section: Section,
        key: &str,
        lang: &Lang,
    ) -> Option<SearchRecord> {
        if !self.site.config.search.enabled
            || self.routes.shown_language(section, key, lang) != Some(lang)
        {
            return None;
        }
        let documents = &self.site.documents;
        let mut record = SearchRecord::default();
        match section {
            Section::Practices => {
                let practice = self.shown(&documents.practices, section, key, lang)?;
                let meta = &practice.meta;
                self.typed(&mut record, lang, "practice.kind");
                self.of_pes(&mut record, &meta.pes.value, lang);
                let area_facet = self.label(lang, "search.filter_area");
                for area in &meta.areas {
                    if let Some(found) = self.site.data.area_by_id(&area.value) {
                        let name = found.name.text(lang);
                        record.filter(&area_facet, format!("{} – {name}", area.value));
                    }
                }
                let year = self.label(lang, "search.filter_year");
                record.filter(&year, meta.start_year.value.to_string());
                let group_facet = self.label(lang, "search.filter_target_group");
                for group in meta.groups() {
                    record.filter(&group_facet, self.label(lang, &group.label_key()));
                }
            }
            Section::Visits => {
                let visit = self.shown(&documents.visits, section, key, lang)?;
                self.typed(&mut record, lang, "visit.kind");
                self.of_pes(&mut record, &visit.meta.host.value, lang);
                let year = self.label(lang, "search.filter_year");
                record.filter(&year, visit.meta.start_date.value.year().to_string());
            }
            Section::Reports => {
                let report = self.shown(&documents.reports, section, key, lang)?;
                self.typed(&mut record, lang, "report.kind");
                let year = self.label(lang, "search.filter_year");
                record.filter(&year, report.meta.date.value.year().to_string());
            }
            Section::Pages => {
                self.shown(&documents.pages, section, key, lang)?;
                self.typed(&mut record, lang, "search.kind_page");
            }
        }
        Some(record)
    }

    /// A record with only the content-type facet, `kind_key` naming the type's UI string:
    /// what a new page family sets as `layout.index` to be searchable (docs/theming.md).
    pub(crate) fn typed_record(&self, lang: &Lang, kind_key: &str) -> Option<SearchRecord> {
        if !self.site.config.search.enabled {
            return None;
        }
        let mut record = SearchRecord::default();
        self.typed(&mut record, lang, kind_key);
        Some(record)
    }

    /// The record of a PES profile: findable by its name, acronym and country.
    pub(crate) fn pes_record(&self, pes: &Pes, lang: &Lang) -> Option<SearchRecord> {
        let mut record = self.typed_record(lang, "pes.kind")?;
        self.of_pes(&mut record, &pes.id.value, lang);
        Some(record)
    }

    /// The content-type facet, also shown on the result.
    fn typed(&self, record: &mut SearchRecord, lang: &Lang, kind_key: &str) {
        let name = self.label(lang, "search.filter_type");
        let kind = self.label(lang, kind_key);
        record.filter(&name, kind.clone());
        record.meta(&name, kind);
    }

    /// The PES and country facets, the PES also shown on the result.
    fn of_pes(&self, record: &mut SearchRecord, id: &str, lang: &Lang) {
        let Some(pes) = self.site.data.pes_by_id(id) else {
            return;
        };
        let name = self.label(lang, "search.filter_pes");
        let full_name = pes.name.text(lang);
        let acronym = pes.acronym.text(lang);
        let pes_name = if full_name.contains(acronym) {
            full_name.to_string()
        } else {
            format!("{full_name} ({acronym})")
        };
        record.filter(&name, pes_name.clone());
        record.meta(&name, pes_name);
        let country = self.label(lang, "search.filter_country");
        record.filter(&country, self.countries.shown(&pes.country.value, lang));
    }
}
