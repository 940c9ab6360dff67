//! Breakdowns of an observation: the value of an indicator for a subgroup of the people it
//! counts, by sex (`female`) or by age group (`15-24`, `55+`), rather than the total.
//!
//! The data writes a breakdown as plain ids, so that pages can name each subgroup in every
//! language from the theme's UI strings; only the ids below are accepted.

use std::cmp::Ordering;

/// What a breakdown splits the people counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dimension {
    Sex,
    Age,
}

impl Dimension {
    /// Every dimension, in the order pages show them.
    pub const ALL: [Dimension; 2] = [Dimension::Sex, Dimension::Age];

    /// Its key in the data: the CSV column and the YAML `breakdown` key.
    pub fn key(self) -> &'static str {
        match self {
            Dimension::Sex => "sex",
            Dimension::Age => "age",
        }
    }

    /// The dimension a data key names, if any.
    pub fn from_key(key: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.key() == key)
    }

    /// What an author may write for this dimension, for messages.
    pub fn expected(self) -> &'static str {
        match self {
            Dimension::Sex => "`female` or `male`",
            Dimension::Age => {
                "an age group written `15-24` (from 15 to 24 years) or `55+` (55 and over)"
            }
        }
    }
}

/// A sex, as breakdowns write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sex {
    Female,
    Male,
}

impl Sex {
    /// Every sex a breakdown may name.
    pub const ALL: [Sex; 2] = [Sex::Female, Sex::Male];

    /// Its id in the data, and the last part of its UI string's key.
    pub fn key(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
        }
    }
}

/// An age group in whole years: `15-24` is from 15 to 24 inclusive, `55+` has no upper bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AgeBand {
    pub from: u16,
    pub to: Option<u16>,
}

impl Ord for AgeBand {
    /// Youngest first; of two groups starting at the same age, the narrower first.
    fn cmp(&self, other: &Self) -> Ordering {
        let upper = |band: &AgeBand| band.to.unwrap_or(u16::MAX);
        (self.from, upper(self)).cmp(&(other.from, upper(other)))
    }
}

impl PartialOrd for AgeBand {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl AgeBand {
    /// Reads `15-24` or `55+`; `None` for anything else, or a group that ends before it starts.
    fn parse(text: &str) -> Option<AgeBand> {
        let whole = |part: &str| -> Option<u16> {
            (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse().ok())
                .flatten()
        };
        if let Some(from) = text.strip_suffix('+') {
            return Some(AgeBand {
                from: whole(from)?,
                to: None,
            });
        }
        let (from, to) = text.split_once('-')?;
        let (from, to) = (whole(from)?, whole(to)?);
        (from <= to).then_some(AgeBand { from, to: Some(to) })
    }
}

/// The subgroup one breakdown value names: women, or 15 to 24 year olds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subgroup {
    Sex(Sex),
    Age(AgeBand),
}

impl Subgroup {
    /// The subgroup `text` names in `dimension`, or why it names none.
    pub fn parse(dimension: Dimension, text: &str) -> Result<Subgroup, String> {
        let found = match dimension {
            Dimension::Sex => Sex::ALL
                .into_iter()
                .find(|sex| sex.key() == text)
                .map(Subgroup::Sex),
            Dimension::Age => AgeBand::parse(text).map(Subgroup::Age),
        };
        found.ok_or_else(|| {
            format!(
                "`{text}` is not a breakdown by {}; expected {}",
                dimension.key(),
                dimension.expected()
            )
        })
    }

    /// The dimension it belongs to.
    pub fn dimension(self) -> Dimension {
        match self {
            Subgroup::Sex(_) => Dimension::Sex,
            Subgroup::Age(_) => Dimension::Age,
        }
    }
}

/// The one subgroup a breakdown names, when it splits by a single dimension (`{sex: female}`);
/// none for a total, a breakdown by both sex and age, or one validation refuses.
pub fn single(breakdown: &std::collections::BTreeMap<String, String>) -> Option<Subgroup> {
    let mut entries = breakdown.iter();
    let (key, value) = entries.next()?;
    if entries.next().is_some() {
        return None;
    }
    Subgroup::parse(Dimension::from_key(key)?, value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_groups_read_as_bands_and_open_ends() {
        let age = |text| Subgroup::parse(Dimension::Age, text);
        assert_eq!(
            age("15-24"),
            Ok(Subgroup::Age(AgeBand {
                from: 15,
                to: Some(24)
            }))
        );
        assert_eq!(
            age("55+"),
            Ok(Subgroup::Age(AgeBand { from: 55, to: None }))
        );
        for bad in [
            "", "+", "-", "15-", "-24", "24-15", "15 - 24", "a-b", "15–24", "+55", "1e2+",
        ] {
            assert!(age(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn subgroups_sort_women_first_and_youngest_first() {
        let mut bands: Vec<Subgroup> = ["55+", "25-54", "15-24", "15-19"]
            .map(|t| Subgroup::parse(Dimension::Age, t).unwrap())
            .into();
        bands.sort();
        let from: Vec<(u16, Option<u16>)> = bands
            .iter()
            .map(|b| match b {
                Subgroup::Age(band) => (band.from, band.to),
                Subgroup::Sex(_) => unreachable!(),
            })
            .collect();
        assert_eq!(
            from,
            [(15, Some(19)), (15, Some(24)), (25, Some(54)), (55, None)]
        );
        assert!(Subgroup::Sex(Sex::Female) < Subgroup::Sex(Sex::Male));
    }

    #[test]
    fn only_a_breakdown_by_one_dimension_is_a_single_subgroup() {
        let map = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        assert_eq!(
            single(&map(&[("sex", "male")])),
            Some(Subgroup::Sex(Sex::Male))
        );
        assert_eq!(single(&map(&[])), None);
        assert_eq!(single(&map(&[("sex", "male"), ("age", "15-24")])), None);
        assert_eq!(single(&map(&[("region", "north")])), None);
    }
}
