//! The figures members compare: medians, ranks, year-on-year changes, self–peer gaps,
//! learn-from suggestions and framework progress.
//!
//! Pure computations over the model, independent of HTML, so every page, chart and download
//! shows the same numbers and each rule is tested once.

pub mod breakdowns;
pub mod learning;
pub mod maturity;
pub mod progress;
pub mod series;
pub mod stats;
