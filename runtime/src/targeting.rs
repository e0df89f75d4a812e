//! Ad targeting criteria (`targetingCriteria`), shared by campaigns and audience counts.
//!
//! LinkedIn's shape is an AND of OR-clauses, each clause a map from facet URN to entity URNs,
//! minus one excluded OR-clause:
//!
//! ```json
//! {"include": {"and": [{"or": {"urn:li:adTargetingFacet:locations": ["urn:li:geo:103644278"]}},
//!                      {"or": {"urn:li:adTargetingFacet:seniorities": ["urn:li:seniority:6"]}}]},
//!  "exclude": {"or": {"urn:li:adTargetingFacet:industries": ["urn:li:industry:4"]}}}
//! ```
//!
//! Every month's spec uses this one type (`x-linkedin-runtime: targeting::TargetingCriteria`), so
//! criteria built once serve a campaign of any month and the audience counts finder alike.
//! [`TargetingCriteria::builder`] checks facet and entity URNs as it goes, so a typo is an error
//! naming the value, not a 400 from LinkedIn; a criteria read from LinkedIn is kept as sent.
//!
//! ```
//! use linkedin_api::targeting::{Facet, TargetingCriteria};
//! let criteria = TargetingCriteria::builder()
//!     .include_any(Facet::LOCATIONS, ["urn:li:geo:103644278"])
//!     .include_any(Facet::SENIORITIES, ["urn:li:seniority:6", "urn:li:seniority:7"])
//!     .exclude_any(Facet::INDUSTRIES, ["urn:li:industry:4"])
//!     .build()?;
//! assert_eq!(criteria.include.and.len(), 2);
//! # Ok::<(), linkedin_api::targeting::TargetingError>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// A campaign's audience: `include` (an AND of OR-clauses) minus `exclude` (one OR-clause).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TargetingCriteria {
    /// The members to reach: every clause must match.
    pub include: TargetingInclude,
    /// The members never to reach: matching any facet value excludes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude: Option<TargetingClause>,
}

/// The included audience, an AND of OR-clauses.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TargetingInclude {
    /// The clauses; a member must match each.
    #[serde(default)]
    pub and: Vec<TargetingClause>,
}

/// One OR-clause: a member matches when any value of any facet in it matches.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TargetingClause {
    /// Entity URNs keyed by facet URN (`urn:li:adTargetingFacet:locations` → geo URNs).
    #[serde(default)]
    pub or: BTreeMap<String, Vec<String>>,
}

/// A targeting facet's URN. The constants are the facets most campaigns use; any other facet
/// (`adTargetingFacets` lists them) is `Facet::new("urn:li:adTargetingFacet:…")` or its short
/// name, `Facet::new("buyerGroups")`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Facet<'a>(&'a str);

impl<'a> Facet<'a> {
    /// Locations members are in or near (`urn:li:geo:…`).
    pub const LOCATIONS: Facet<'static> = Facet("urn:li:adTargetingFacet:locations");
    /// Members' interface language (`urn:li:locale:en_US`).
    pub const INTERFACE_LOCALES: Facet<'static> = Facet("urn:li:adTargetingFacet:interfaceLocales");
    /// Job titles (`urn:li:title:…`).
    pub const TITLES: Facet<'static> = Facet("urn:li:adTargetingFacet:titles");
    /// Seniorities (`urn:li:seniority:…`).
    pub const SENIORITIES: Facet<'static> = Facet("urn:li:adTargetingFacet:seniorities");
    /// Industries (`urn:li:industry:…`).
    pub const INDUSTRIES: Facet<'static> = Facet("urn:li:adTargetingFacet:industries");
    /// Job functions (`urn:li:function:…`).
    pub const JOB_FUNCTIONS: Facet<'static> = Facet("urn:li:adTargetingFacet:jobFunctions");
    /// Skills (`urn:li:skill:…`).
    pub const SKILLS: Facet<'static> = Facet("urn:li:adTargetingFacet:skills");
    /// Company sizes (`urn:li:staffCountRange:…`).
    pub const STAFF_COUNT_RANGES: Facet<'static> =
        Facet("urn:li:adTargetingFacet:staffCountRanges");
    /// Current employers (`urn:li:organization:…`).
    pub const EMPLOYERS: Facet<'static> = Facet("urn:li:adTargetingFacet:employers");

    /// A facet by URN (`urn:li:adTargetingFacet:titles`) or short name (`titles`).
    pub const fn new(urn_or_name: &'a str) -> Self {
        Facet(urn_or_name)
    }

    fn urn(self) -> Result<String, TargetingError> {
        const PREFIX: &str = "urn:li:adTargetingFacet:";
        let name = self.0.strip_prefix(PREFIX).unwrap_or(self.0);
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(TargetingError::new(format!(
                "`{}` is not a targeting facet: expected `{PREFIX}<name>` or a facet name of letters and digits",
                self.0
            )));
        }
        Ok(format!("{PREFIX}{name}"))
    }
}

/// A [`TargetingCriteria`] under construction. Errors are kept until [`build`](Self::build), so
/// calls chain.
#[derive(Debug, Clone, Default)]
#[must_use = "call .build() to get the criteria"]
pub struct TargetingBuilder {
    criteria: TargetingCriteria,
    error: Option<TargetingError>,
}

impl TargetingCriteria {
    /// Starts an empty criteria.
    pub fn builder() -> TargetingBuilder {
        TargetingBuilder::default()
    }
}

impl TargetingBuilder {
    /// Adds an AND-clause: members must match one of `entities` of `facet`.
    pub fn include_any<'e>(
        mut self,
        facet: Facet<'_>,
        entities: impl IntoIterator<Item = &'e str>,
    ) -> Self {
        if let Some(clause) = self.clause(facet, entities) {
            self.criteria
                .include
                .and
                .push(TargetingClause { or: clause });
        }
        self
    }

    /// Adds an AND-clause matching any of several facets' values (e.g. members with one of some
    /// titles *or* one of some skills).
    pub fn include_any_of<'f, 'e>(
        mut self,
        facets: impl IntoIterator<Item = (Facet<'f>, Vec<&'e str>)>,
    ) -> Self {
        let mut or = BTreeMap::new();
        for (facet, entities) in facets {
            match self.clause(facet, entities) {
                Some(clause) => merge(&mut or, clause),
                None => return self,
            }
        }
        if or.is_empty() {
            self.fail("an OR-clause needs at least one facet".to_owned());
        } else {
            self.criteria.include.and.push(TargetingClause { or });
        }
        self
    }

    /// Excludes members matching any of `entities` of `facet` (added to the one exclude clause).
    pub fn exclude_any<'e>(
        mut self,
        facet: Facet<'_>,
        entities: impl IntoIterator<Item = &'e str>,
    ) -> Self {
        if let Some(clause) = self.clause(facet, entities) {
            let exclude = self.criteria.exclude.get_or_insert_with(Default::default);
            merge(&mut exclude.or, clause);
        }
        self
    }

    /// The criteria, or the first mistake made while building it. LinkedIn needs at least one
    /// include clause (in practice a location).
    pub fn build(self) -> Result<TargetingCriteria, TargetingError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        if self.criteria.include.and.is_empty() {
            return Err(TargetingError::new(
                "the criteria include no one: add a clause with include_any (LinkedIn requires a location)"
                    .to_owned(),
            ));
        }
        Ok(self.criteria)
    }

    fn clause<'e>(
        &mut self,
        facet: Facet<'_>,
        entities: impl IntoIterator<Item = &'e str>,
    ) -> Option<BTreeMap<String, Vec<String>>> {
        if self.error.is_some() {
            return None;
        }
        let facet_urn = match facet.urn() {
            Ok(urn) => urn,
            Err(e) => {
                self.error = Some(e);
                return None;
            }
        };
        let mut values = Vec::new();
        for entity in entities {
            if entity.parse::<crate::urn::Urn>().is_err() {
                self.fail(format!(
                    "`{entity}` (a value of {facet_urn}) is not a URN like `urn:li:geo:103644278`"
                ));
                return None;
            }
            if !values.iter().any(|v| v == entity) {
                values.push(entity.to_owned());
            }
        }
        if values.is_empty() {
            self.fail(format!("{facet_urn} is given no values"));
            return None;
        }
        Some(BTreeMap::from([(facet_urn, values)]))
    }

    fn fail(&mut self, message: String) {
        self.error.get_or_insert(TargetingError::new(message));
    }
}

/// Adds `from`'s values to `into`, each value once per facet.
fn merge(into: &mut BTreeMap<String, Vec<String>>, from: BTreeMap<String, Vec<String>>) {
    for (facet, values) in from {
        let slot = into.entry(facet).or_default();
        for v in values {
            if !slot.contains(&v) {
                slot.push(v);
            }
        }
    }
}

/// A targeting criteria that cannot be built, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetingError(String);

impl TargetingError {
    fn new(message: String) -> Self {
        Self(message)
    }
}

impl fmt::Display for TargetingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid targeting criteria: {}", self.0)
    }
}

impl std::error::Error for TargetingError {}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn builds_linkedins_shape() {
        let c = TargetingCriteria::builder()
            .include_any(Facet::LOCATIONS, ["urn:li:geo:103644278"])
            .include_any_of([
                (Facet::TITLES, vec!["urn:li:title:9"]),
                (
                    Facet::new("skills"),
                    vec!["urn:li:skill:17", "urn:li:skill:17"],
                ),
            ])
            .exclude_any(Facet::INDUSTRIES, ["urn:li:industry:4"])
            .exclude_any(
                Facet::INDUSTRIES,
                ["urn:li:industry:6", "urn:li:industry:4"],
            )
            .build()
            .unwrap();
        assert_eq!(
            serde_json::to_value(&c).unwrap(),
            json!({"include": {"and": [
                {"or": {"urn:li:adTargetingFacet:locations": ["urn:li:geo:103644278"]}},
                {"or": {"urn:li:adTargetingFacet:skills": ["urn:li:skill:17"],
                        "urn:li:adTargetingFacet:titles": ["urn:li:title:9"]}}]},
                   "exclude": {"or": {"urn:li:adTargetingFacet:industries": ["urn:li:industry:4", "urn:li:industry:6"]}}})
        );
    }

    #[test]
    fn rest_li_encoding_escapes_the_urn_keys() {
        let c = TargetingCriteria::builder()
            .include_any(Facet::LOCATIONS, ["urn:li:geo:103644278"])
            .build()
            .unwrap();
        assert_eq!(
            crate::restli::encode(&c).unwrap(),
            "(include:(and:List((or:(urn%3Ali%3AadTargetingFacet%3Alocations:List(urn%3Ali%3Ageo%3A103644278))))))"
        );
    }

    #[test]
    fn mistakes_name_the_value() {
        let err = |b: TargetingBuilder| b.build().unwrap_err().to_string();
        assert!(err(TargetingCriteria::builder()).contains("include no one"));
        assert!(
            err(TargetingCriteria::builder()
                .include_any(Facet::new("geo graphy"), ["urn:li:geo:1"]))
            .contains("`geo graphy` is not a targeting facet")
        );
        assert!(
            err(TargetingCriteria::builder().include_any(Facet::LOCATIONS, ["103644278"]))
                .contains(
                    "`103644278` (a value of urn:li:adTargetingFacet:locations) is not a URN"
                )
        );
        assert!(
            err(TargetingCriteria::builder().include_any(Facet::LOCATIONS, []))
                .contains("is given no values")
        );
        // The first mistake wins; later calls do not hide it.
        assert!(
            err(TargetingCriteria::builder()
                .include_any(Facet::LOCATIONS, ["nope"])
                .include_any(Facet::new(""), ["urn:li:geo:1"]))
            .contains("`nope`")
        );
    }

    #[test]
    fn criteria_from_linkedin_are_kept_as_sent() {
        let sent = json!({"include": {"and": [{"or": {"urn:li:adTargetingFacet:unknownFacet": ["whatever"]}}]}});
        let c: TargetingCriteria = serde_json::from_value(sent.clone()).unwrap();
        assert_eq!(serde_json::to_value(&c).unwrap(), sent);
    }
}
