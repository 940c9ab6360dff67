//! Pagination: the lists that grow with the content — a section's documents, and the practices
//! of an area, a member or a peer group — are cut into pages of `pagination.page_size` cards,
//! newest first. The first page keeps the list's own address; the others are at
//! `<address><segment>/<number>/`, the segment translated like section slugs
//! (`/fr/bonnes-pratiques/page/2/`). Each page knows the cards it holds and where they sit in
//! the list's order, so that `serve` renders again only the pages an edit reaches.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostics::Diagnostics;
use crate::i18n::Value as Argument;
use crate::model::documents::Section;
use crate::model::lang::Lang;
use crate::render::engine::routes::PagePath;
use crate::render::views::cards::Listed;
use crate::render::views::{Card, Layout};
use crate::render::{Change, Context, DataFile, ListOrder, OutputFile, Relisting};

/// The kind of the second and later pages of a list that sits under a page of its own.
pub(crate) const CONTINUED_KIND: &str = "list-page";

/// The template of those pages.
pub(crate) const CONTINUED_TEMPLATE: &str = "continued.html";

/// A list cut into pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ListOf {
    /// Every document of a section listed in the language: the section's catalogue.
    Section(Section),
    /// The practices filed under an excellence area (its id).
    Area(String),
    /// The practices of a member (its id).
    Member(String),
    /// The practices of a peer group's members (the group's id).
    Group(String),
}

impl ListOf {
    /// The section whose cards the list holds.
    fn section(&self) -> Section {
        match self {
            ListOf::Section(section) => *section,
            ListOf::Area(_) | ListOf::Member(_) | ListOf::Group(_) => Section::Practices,
        }
    }
}

/// One page of a list: its number, the cards it holds and where they sit in the list's order.
#[derive(Clone)]
pub(crate) struct Slice {
    /// From 1.
    pub number: usize,
    /// The pages of the list in this language.
    pub count: usize,
    section: Section,
    /// The places of the page's cards in the card index of its section and language.
    positions: Vec<usize>,
    /// The keys of the page's cards.
    keys: Vec<String>,
    /// The order of the page's first and last cards; none on an empty list.
    span: Option<Box<(ListOrder, ListOrder)>>,
    /// The key of every card of the list, shared by its pages.
    members: Arc<BTreeSet<String>>,
    /// The list's page count in each language, shared by its pages: the same page in another
    /// language exists only if that language's list is as long.
    counts: Arc<BTreeMap<Lang, usize>>,
}

impl fmt::Debug for Slice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "page {} of {}", self.number, self.count)
    }
}

impl Slice {
    /// Whether `change` reaches the cards of this page or their places (its templates aside):
    /// an edit that keeps a document's place reaches the page holding its card; one that moves
    /// it, every page from its old place to its new one; one that files it elsewhere, every
    /// page of its section's lists.
    pub(crate) fn shows(&self, change: &Change) -> bool {
        if change.reaches_every_page() {
            return true;
        }
        match change {
            // Practice cards name their areas and indicators.
            Change::Data(DataFile::Areas | DataFile::Indicators) => {
                self.section == Section::Practices
            }
            Change::Document {
                section,
                key,
                relisting,
                ..
            } if *section == self.section => match relisting {
                Relisting::Refiled => true,
                Relisting::Kept => self.keys.contains(key),
                Relisting::Moved { before, after } => {
                    self.keys.contains(key)
                        || (self.members.contains(key)
                            && self.overlaps(before.min(after), before.max(after)))
                }
            },
            _ => false,
        }
    }

    /// Whether some card of the page sits between `low` and `high` in the list's order.
    fn overlaps(&self, low: &ListOrder, high: &ListOrder) -> bool {
        self.span
            .as_ref()
            .is_some_and(|span| span.0 <= *high && span.1 >= *low)
    }

    /// Whether the list in `lang` has this page.
    fn exists_in(&self, lang: &Lang) -> bool {
        self.counts
            .get(lang)
            .is_some_and(|count| self.number <= *count)
    }
}

/// The pager under a paginated list: previous and next, and the numbers of the first, last
/// and nearby pages.
#[derive(Debug, Serialize)]
pub struct Pager {
    pub previous: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PagerEntry>,
}

/// A page number in the pager, or the gap of pages left out between two numbers.
#[derive(Debug, Serialize)]
pub struct PagerEntry {
    /// None for a gap.
    pub url: Option<String>,
    /// The number, written in the page's language.
    pub number: String,
    /// "Page 3", what the number's link is called.
    pub label: String,
    pub current: bool,
}

/// The page numbers a pager shows: the first, the last, and the current one with its
/// neighbours; `None` stands for the gap between two of them.
fn pager_numbers(current: usize, count: usize) -> Vec<Option<usize>> {
    let near = current.saturating_sub(1).max(1)..=(current + 1).min(count);
    let mut shown: Vec<usize> = [1, count].into_iter().chain(near).collect();
    shown.sort_unstable();
    shown.dedup();
    let mut numbers = Vec::new();
    for (index, number) in shown.iter().enumerate() {
        match index.checked_sub(1).map(|before| number - shown[before]) {
            // A gap of one page shows that page rather than an ellipsis as wide.
            Some(2) => numbers.push(Some(number - 1)),
            Some(gap) if gap > 2 => numbers.push(None),
            _ => {}
        }
        numbers.push(Some(*number));
    }
    numbers
}

impl Context<'_> {
    /// Cards per list page.
    pub(crate) fn page_size(&self) -> usize {
        self.site.config.pagination.page_size()
    }

    /// The places, in the card index of its section and `lang`, of the cards of `list`,
    /// newest first.
    fn list_positions(&self, list: &ListOf, lang: &Lang) -> Vec<usize> {
        let listed = self.listed_in(list.section(), lang);
        let keep = |pick: &dyn Fn(&Listed) -> bool| -> Vec<usize> {
            listed
                .iter()
                .enumerate()
                .filter(|(_, listed)| pick(listed))
                .map(|(position, _)| position)
                .collect()
        };
        match list {
            ListOf::Section(_) => (0..listed.len()).collect(),
            ListOf::Area(area) => keep(&|listed| listed.areas.iter().any(|a| a == area)),
            ListOf::Member(pes) => keep(&|listed| listed.owner == *pes),
            ListOf::Group(cluster) => {
                let members: BTreeSet<&str> = self
                    .site
                    .data
                    .pes
                    .iter()
                    .filter(|pes| pes.cluster.value == *cluster)
                    .map(|pes| pes.id.value.as_str())
                    .collect();
                keep(&|listed| members.contains(listed.owner.as_str()))
            }
        }
    }

    /// The pages of `list` in `lang`: one, empty, for an empty list.
    pub(crate) fn slices(&self, list: &ListOf, lang: &Lang) -> Vec<Slice> {
        let size = self.page_size();
        let pages_of = |cards: usize| cards.div_ceil(size).max(1);
        let counts: BTreeMap<Lang, usize> = self
            .routes
            .languages()
            .iter()
            .map(|other| {
                let cards = match list {
                    ListOf::Section(section) => self.listed_in(*section, other).len(),
                    _ => self.list_positions(list, other).len(),
                };
                (other.clone(), pages_of(cards))
            })
            .collect();
        let counts = Arc::new(counts);
        let listed = self.listed_in(list.section(), lang);
        let positions = self.list_positions(list, lang);
        let members: Arc<BTreeSet<String>> = Arc::new(
            positions
                .iter()
                .map(|position| listed[*position].key.clone())
                .collect(),
        );
        let count = pages_of(positions.len());
        let mut chunks: Vec<&[usize]> = positions.chunks(size).collect();
        if chunks.is_empty() {
            chunks.push(&[]);
        }
        chunks
            .into_iter()
            .enumerate()
            .map(|(index, chunk)| {
                let order = |position: Option<&usize>| position.map(|p| listed[*p].order.clone());
                Slice {
                    number: index + 1,
                    count,
                    section: list.section(),
                    positions: chunk.to_vec(),
                    keys: chunk.iter().map(|p| listed[*p].key.clone()).collect(),
                    span: order(chunk.first()).zip(order(chunk.last())).map(Box::new),
                    members: Arc::clone(&members),
                    counts: Arc::clone(&counts),
                }
            })
            .collect()
    }

    /// The cards `slice` holds, in `lang`.
    pub(crate) fn slice_cards(&self, slice: &Slice, lang: &Lang) -> Vec<Card> {
        self.slice_listed(slice, lang)
            .into_iter()
            .map(|listed| listed.card.clone())
            .collect()
    }

    /// What `slice` holds, in `lang`, as the card index has it.
    pub(crate) fn slice_listed(&self, slice: &Slice, lang: &Lang) -> Vec<&Listed> {
        let listed = self.listed_in(slice.section, lang);
        slice
            .positions
            .iter()
            .filter_map(|position| listed.get(*position))
            .collect()
    }

    /// The address of the page `slice` in every language, for hreflang alternates and the
    /// language switcher: the same page where that language's list has it, else the first.
    pub(crate) fn paged_alternates(
        &self,
        slice: &Slice,
        first: impl Fn(&Lang) -> PagePath,
    ) -> BTreeMap<Lang, PagePath> {
        self.alternates(|lang| {
            let number = if slice.exists_in(lang) {
                slice.number
            } else {
                1
            };
            self.routes.paged(&first(lang), lang, number)
        })
    }

    /// `title` with the page's number after the first page ("Good practices (page 2 of 9)"),
    /// so that every page of a list has a title of its own.
    pub(crate) fn paged_title(&self, lang: &Lang, title: String, slice: &Slice) -> String {
        if slice.number == 1 {
            return title;
        }
        let formats = self.formats(lang);
        let (number, count) = (formats.integer(slice.number), formats.integer(slice.count));
        self.say(
            lang,
            "pager.title",
            &[
                ("title", Argument::Text(&title)),
                ("number", Argument::Text(&number)),
                ("total", Argument::Text(&count)),
            ],
        )
    }

    /// The pager of `slice` in the list whose first page is at `first`, with the head's links
    /// to the previous and next pages set on `layout`; none for a list of one page.
    pub(crate) fn pager(
        &self,
        layout: &mut Layout,
        first: &PagePath,
        slice: &Slice,
        lang: &Lang,
    ) -> Option<Pager> {
        if slice.count <= 1 {
            return None;
        }
        let path = |number: usize| self.routes.paged(first, lang, number);
        let neighbour = |number: usize| (1..=slice.count).contains(&number).then(|| path(number));
        let previous = neighbour(slice.number - 1);
        let next = neighbour(slice.number + 1);
        layout.previous_page = previous.as_ref().map(|p| self.routes.absolute(p));
        layout.next_page = next.as_ref().map(|p| self.routes.absolute(p));
        let formats = self.formats(lang);
        let pages = pager_numbers(slice.number, slice.count)
            .into_iter()
            .map(|number| match number {
                Some(number) => {
                    let written = formats.integer(number);
                    PagerEntry {
                        url: Some(self.routes.link(&path(number))),
                        label: self.say(
                            lang,
                            "pager.page",
                            &[("number", Argument::Text(&written))],
                        ),
                        number: written,
                        current: number == slice.number,
                    }
                }
                None => PagerEntry {
                    url: None,
                    number: "…".to_string(),
                    label: String::new(),
                    current: false,
                },
            })
            .collect();
        Some(Pager {
            previous: previous.map(|p| self.routes.link(&p)),
            next: next.map(|p| self.routes.link(&p)),
            pages,
        })
    }
}

impl Context<'_> {
    /// A second or later page of a list that sits under a page of its own (an area's, a
    /// member's, a peer group's), whose first page is at `first_of(lang)` and is titled
    /// `title`: that title and the page's number, the list's `heading`, its cards and the
    /// pager. Figures and facts stay on the first page.
    pub(crate) fn continued_list(
        &self,
        title: String,
        heading: String,
        slice: &Slice,
        lang: &Lang,
        first_of: impl Fn(&Lang) -> PagePath,
    ) -> Result<OutputFile, Diagnostics> {
        #[derive(Serialize)]
        struct Continued {
            heading: String,
            items: Vec<Card>,
            pager: Option<Pager>,
        }
        let alternates = self.paged_alternates(slice, &first_of);
        let title = self.paged_title(lang, title, slice);
        let mut layout = self.layout(lang, CONTINUED_KIND, title, heading.clone(), alternates);
        let first = first_of(lang);
        let pager = self.pager(&mut layout, &first, slice, lang);
        let path = self.routes.paged(&first, lang, slice.number) + "index.html";
        let page = Continued {
            heading,
            items: self.slice_cards(slice, lang),
            pager,
        };
        self.page(CONTINUED_TEMPLATE, path, &layout, page)
    }
}

#[cfg(test)]
mod tests {
    use super::pager_numbers;

    #[test]
    fn the_pager_shows_the_ends_and_the_neighbours_of_the_current_page() {
        let written = |current, count| -> String {
            pager_numbers(current, count)
                .into_iter()
                .map(|n| n.map_or("…".to_string(), |n| n.to_string()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(written(1, 1), "1");
        assert_eq!(written(1, 2), "1 2");
        assert_eq!(written(1, 9), "1 2 … 9");
        assert_eq!(written(5, 9), "1 … 4 5 6 … 9");
        assert_eq!(written(3, 9), "1 2 3 4 … 9");
        assert_eq!(written(9, 9), "1 … 8 9");
        assert_eq!(written(4, 5), "1 2 3 4 5");
        assert_eq!(written(6, 9), "1 … 5 6 7 8 9");
    }
}
