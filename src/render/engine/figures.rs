//! Figures quoted in a Markdown body: each shortcode call is evaluated before Markdown runs
//! and stands in the text as a marker, which Markdown and typography leave alone; after
//! rendering, each marker becomes its figure — a link to the page it comes from, or plain text
//! where a link cannot go (inside a link, an image's description or a heading).
//!
//! The syntax is read by [`super::shortcodes`]; what a call means is the business of a
//! [`Figures`] source, so that this module knows nothing of the data.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::shortcodes::{self, Call, Found};
use crate::render::escape_markup;

/// What a call stands for: the figure as written in the page's language, and the page it comes
/// from.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub text: String,
    pub url: Option<String>,
}

/// Why a call gives no figure: where in the body (a part of the call), what is wrong and how
/// to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureError {
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

/// Evaluates calls into figures: the data's side of quoted figures.
pub trait Figures {
    fn figure(&self, call: &Call) -> Result<Figure, FigureError>;
}

/// Starts a marker: a noncharacter, which no text exchanged between programs holds.
const MARKER: char = '\u{FDD0}';
/// The first of the private-use characters that number the figures after a [`MARKER`].
const FIRST_INDEX: u32 = 0xF0000;
/// How many figures one body may quote: the private-use characters of plane 15.
const MAX_FIGURES: usize = 0xFFFE;

/// A body with its calls replaced by markers, their figures, and how to find a place of the
/// original body from one of the new text.
#[derive(Debug, Default)]
pub struct Quoted {
    /// The body to give Markdown.
    pub text: String,
    /// The figure of each marker, by index; `None` where the call failed (and was reported).
    figures: Vec<Option<Figure>>,
    /// Where each marker's call was in the original body.
    calls: Vec<Range<usize>>,
    /// (offset in `text` after a replacement, original offset minus new offset from there).
    shifts: Vec<(usize, isize)>,
}

impl Quoted {
    /// Evaluates every call of `body` with `source`; the calls that fail come back as errors.
    pub fn new(body: &str, source: &dyn Figures) -> (Quoted, Vec<FigureError>) {
        let mut quoted = Quoted {
            text: String::with_capacity(body.len()),
            ..Quoted::default()
        };
        let mut errors = Vec::new();
        let mut copied = 0;
        for (range, found) in shortcodes::find(body) {
            quoted.text.push_str(&body[copied..range.start]);
            copied = range.end;
            let replacement = match found {
                Found::Literal(text) => text,
                Found::Invalid(error) => {
                    errors.push(FigureError {
                        span: error.span,
                        message: error.message,
                        help: Some(SHOW_BRACES.to_string()),
                    });
                    String::new()
                }
                Found::Call(call) if quoted.figures.len() >= MAX_FIGURES => {
                    errors.push(FigureError {
                        span: call.name_span,
                        message: format!("a page may quote at most {MAX_FIGURES} figures"),
                        help: None,
                    });
                    String::new()
                }
                Found::Call(call) => {
                    let figure = source
                        .figure(&call)
                        .map_err(|error| errors.push(error))
                        .ok();
                    quoted.figures.push(figure);
                    quoted.calls.push(range.clone());
                    marker(quoted.figures.len() - 1)
                }
            };
            quoted.text.push_str(&replacement);
            let shift = range.len() as isize - replacement.len() as isize;
            let total = quoted.shifts.last().map_or(0, |(_, total)| *total) + shift;
            quoted.shifts.push((quoted.text.len(), total));
        }
        quoted.text.push_str(&body[copied..]);
        (quoted, errors)
    }

    /// The offset in the original body of an offset in [`Quoted::text`].
    pub fn original(&self, offset: usize) -> usize {
        let after = self.shifts.partition_point(|(at, _)| *at <= offset);
        let shift = after.checked_sub(1).map_or(0, |index| self.shifts[index].1);
        offset.saturating_add_signed(shift)
    }

    /// `text` with each marker replaced by its figure's text: headings' plain text.
    pub fn plain<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if !text.contains(MARKER) {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        for piece in self.pieces(text) {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Figure(index) => out.push_str(self.figure_text(index)),
            }
        }
        Cow::Owned(out)
    }

    /// The events with each marker in a text replaced by its figure, and the calls whose
    /// marker ended up elsewhere (a link's address, an attribute), which cannot show a figure.
    pub fn place<'e>(&self, events: Vec<Event<'e>>) -> (Vec<Event<'e>>, Vec<FigureError>) {
        if self.figures.is_empty() {
            return (events, Vec::new());
        }
        let mut placed = vec![false; self.figures.len()];
        let mut out = Vec::with_capacity(events.len());
        // Inside a link, an image or a heading a figure is text: no link in a link, and a
        // heading's text is also its anchor and its entry in a table of contents.
        let mut plain_depth = 0usize;
        for event in events {
            match &event {
                Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::Heading { .. }) => {
                    plain_depth += 1
                }
                Event::End(TagEnd::Link | TagEnd::Image | TagEnd::Heading(_)) => {
                    plain_depth = plain_depth.saturating_sub(1)
                }
                _ => {}
            }
            match event {
                Event::Text(text) if text.contains(MARKER) => {
                    self.place_in_text(&text, plain_depth > 0, &mut placed, &mut out)
                }
                other => out.push(other),
            }
        }
        let misplaced = placed
            .iter()
            .enumerate()
            .filter(|(_, placed)| !**placed)
            .filter_map(|(index, _)| {
                Some(FigureError {
                    span: self.calls.get(index)?.clone(),
                    message: "a figure cannot stand here: figures go in text, not in a link's \
                              address or title, an attribute or code"
                        .to_string(),
                    help: Some(SHOW_BRACES.to_string()),
                })
            })
            .collect();
        (out, misplaced)
    }

    fn place_in_text<'e>(
        &self,
        text: &str,
        plain: bool,
        placed: &mut [bool],
        out: &mut Vec<Event<'e>>,
    ) {
        for piece in self.pieces(text) {
            match piece {
                Piece::Text(text) if !text.is_empty() => {
                    out.push(Event::Text(CowStr::from(text.to_string())))
                }
                Piece::Text(_) => {}
                Piece::Figure(index) => {
                    if let Some(done) = placed.get_mut(index) {
                        *done = true;
                    }
                    match self.figures.get(index).and_then(Option::as_ref) {
                        Some(figure) if !plain => {
                            out.push(Event::InlineHtml(CowStr::from(figure_html(figure))))
                        }
                        Some(figure) => out.push(Event::Text(CowStr::from(figure.text.clone()))),
                        None => {}
                    }
                }
            }
        }
    }

    fn figure_text(&self, index: usize) -> &str {
        self.figures
            .get(index)
            .and_then(Option::as_ref)
            .map_or("", |figure| figure.text.as_str())
    }

    /// `text` cut at its markers.
    fn pieces<'t>(&self, text: &'t str) -> Vec<Piece<'t>> {
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some(at) = rest.find(MARKER) {
            let after = &rest[at + MARKER.len_utf8()..];
            let Some(index_char) = after.chars().next() else {
                break;
            };
            let Some(index) = figure_index(index_char) else {
                // A marker character written by an author, not ours: text like any other.
                pieces.push(Piece::Text(&rest[..at + MARKER.len_utf8()]));
                rest = after;
                continue;
            };
            pieces.push(Piece::Text(&rest[..at]));
            pieces.push(Piece::Figure(index));
            rest = &after[index_char.len_utf8()..];
        }
        pieces.push(Piece::Text(rest));
        pieces
    }
}

/// How an author shows the braces themselves, for every syntax error.
const SHOW_BRACES: &str =
    "to show braces as they are, write them in a code span (`{{ … }}`) or as {{/* … */}}";

enum Piece<'t> {
    Text(&'t str),
    Figure(usize),
}

fn marker(index: usize) -> String {
    let mut marker = String::from(MARKER);
    // `index` is below MAX_FIGURES, so the character exists.
    if let Some(c) = u32::try_from(index)
        .ok()
        .and_then(|i| char::from_u32(FIRST_INDEX + i))
    {
        marker.push(c);
    }
    marker
}

fn figure_index(c: char) -> Option<usize> {
    let index = (c as u32).checked_sub(FIRST_INDEX)? as usize;
    (index < MAX_FIGURES).then_some(index)
}

/// A figure as a link to the page it comes from, escaped.
fn figure_html(figure: &Figure) -> String {
    let text = escape_markup(&figure.text);
    match &figure.url {
        Some(url) => format!(
            "<a class=\"quoted-figure\" href=\"{}\">{text}</a>",
            escape_markup(url)
        ),
        None => format!("<span class=\"quoted-figure\">{text}</span>"),
    }
}
