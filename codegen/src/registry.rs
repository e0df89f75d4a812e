//! The version registry, `spec/versions.yaml`: every LinkedIn month and when it is sunset.
//!
//! Which spec governs a month is not written here but follows from the spec source
//! ([`crate::source`]): a month with a change file governs itself, any other month is governed by
//! the latest earlier one that has one (the first month is governed by the base). Months that
//! share a spec share generated code.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Error, Ptr, Result};

/// The parsed registry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    /// The date sunset status is judged against (`YYYY-MM-DD`); never the clock.
    pub as_of: String,
    /// Every month, oldest first.
    pub versions: Vec<Month>,
}

/// One LinkedIn monthly version.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Month {
    /// `YYYYMM`.
    pub version: String,
    /// `YYYY-MM`.
    pub released: String,
    /// `YYYY-MM-DD`.
    pub sunset: String,
    /// No sunset date is published; this one is release + 12 months.
    #[serde(default)]
    pub sunset_estimated: bool,
    /// The governing month whose spec (`spec/<spec>/openapi.yaml`) describes this month: derived
    /// from which months have a change file, never written in the registry.
    #[serde(skip)]
    pub spec: String,
}

impl Month {
    /// Sunset on or before the registry's `as_of` date.
    pub fn is_sunset(&self, as_of: &str) -> bool {
        self.sunset.as_str() <= as_of
    }
}

impl Registry {
    /// Reads and validates `spec/versions.yaml` under `root`.
    pub fn load(root: &Path) -> Result<Registry> {
        let path = root.join(REGISTRY_PATH);
        let text = std::fs::read_to_string(&path).map_err(|e| Error {
            file: PathBuf::from(REGISTRY_PATH),
            pointer: "#".to_owned(),
            message: format!("cannot read the version registry: {e}"),
        })?;
        let changed = crate::source::changed_months(root)?;
        Self::parse(&text, Path::new(REGISTRY_PATH), &changed)
    }

    /// Parses registry text; `changed` lists the months that have a change file.
    pub fn parse(text: &str, file: &Path, changed: &[String]) -> Result<Registry> {
        let root = Ptr::root(file);
        let value: serde_json::Value = crate::load::parse_yaml(text).map_err(|e| root.error(e))?;
        let mut registry: Registry = serde_path_to_error::deserialize(value).map_err(|e| {
            let ptr = crate::load::path_to_pointer(&root, e.path());
            ptr.error(format!("malformed registry: {}", e.inner()))
        })?;
        registry.validate(&root)?;
        registry.assign_specs(&root, changed)?;
        Ok(registry)
    }

    /// Each month's governing month, from the months that have a change file.
    fn assign_specs(&mut self, root: &Ptr, changed: &[String]) -> Result<()> {
        let first = self.versions[0].version.clone();
        for month in changed {
            let file = crate::source::overlay_path(month);
            if !self.versions.iter().any(|m| &m.version == month) {
                return Err(Error {
                    file,
                    pointer: "#".to_owned(),
                    message: format!(
                        "{month} is not a month listed in {}; add it there first (`cargo xtask new-version`)",
                        root.file().display()
                    ),
                });
            }
            if *month == first {
                return Err(Error {
                    file,
                    pointer: "#".to_owned(),
                    message: format!(
                        "{month} is the first month: its facts belong in {}",
                        crate::source::BASE_PATH
                    ),
                });
            }
        }
        let mut governing = first;
        for m in &mut self.versions {
            if changed.contains(&m.version) {
                governing = m.version.clone();
            }
            m.spec = governing.clone();
        }
        Ok(())
    }

    fn validate(&self, root: &Ptr) -> Result<()> {
        if !is_date(&self.as_of) {
            return root
                .at("as_of")
                .fail(format!("`{}` is not a YYYY-MM-DD date", self.as_of));
        }
        if self.versions.is_empty() {
            return root.at("versions").fail("the registry lists no version");
        }
        let mut previous: Option<&str> = None;
        for (i, m) in self.versions.iter().enumerate() {
            let at = root.at("versions").at(i);
            if !is_month(&m.version) {
                return at
                    .at("version")
                    .fail(format!("`{}` is not a YYYYMM month", m.version));
            }
            if previous.is_some_and(|p| p >= m.version.as_str()) {
                return at.at("version").fail(format!(
                    "`{}` is out of order (months go oldest first, once each)",
                    m.version
                ));
            }
            if m.released != format!("{}-{}", &m.version[..4], &m.version[4..]) {
                return at.at("released").fail(format!(
                    "`{}` should be `{}-{}`",
                    m.released,
                    &m.version[..4],
                    &m.version[4..]
                ));
            }
            if !is_date(&m.sunset) || m.sunset.as_str() <= m.released.as_str() {
                return at.at("sunset").fail(format!(
                    "`{}` is not a YYYY-MM-DD date after the release",
                    m.sunset
                ));
            }
            previous = Some(&m.version);
        }
        Ok(())
    }

    /// The distinct specs, oldest first.
    pub fn specs(&self) -> Vec<&str> {
        let mut specs: Vec<&str> = self.versions.iter().map(|m| m.spec.as_str()).collect();
        specs.dedup();
        specs
    }

    /// The months a spec governs.
    pub fn months_of<'a>(&'a self, spec: &'a str) -> impl Iterator<Item = &'a Month> + 'a {
        self.versions.iter().filter(move |m| m.spec == spec)
    }

    /// The names (`YYYYMM`) of the months a spec governs, for its materialized header.
    pub fn governed(&self, spec: &str) -> Vec<String> {
        self.months_of(spec).map(|m| m.version.clone()).collect()
    }

    /// The newest month.
    pub fn latest(&self) -> &Month {
        // `validate` guarantees at least one month.
        &self.versions[self.versions.len() - 1]
    }
}

/// Where the registry lives, relative to the workspace root.
pub const REGISTRY_PATH: &str = "spec/versions.yaml";

/// `spec/<version>/openapi.yaml`.
pub fn spec_path(version: &str) -> PathBuf {
    PathBuf::from("spec").join(version).join("openapi.yaml")
}

/// `YYYYMM` with a real month.
pub fn is_month(s: &str) -> bool {
    s.len() == 6
        && s.bytes().all(|b| b.is_ascii_digit())
        && matches!(
            &s[4..],
            "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12"
        )
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "as_of: \"2026-11-23\"\nversions:\n  - {version: \"202401\", released: \"2024-01\", sunset: \"2025-01-15\", sunset_estimated: true}\n  - {version: \"202402\", released: \"2024-02\", sunset: \"2025-02-15\"}\n  - {version: \"202403\", released: \"2024-03\", sunset: \"2025-03-15\"}\n";

    fn parse(text: &str) -> Result<Registry> {
        Registry::parse(text, Path::new("spec/versions.yaml"), &[])
    }

    #[test]
    fn reads_months_and_their_specs() {
        let r = parse(GOOD).unwrap();
        assert_eq!(r.specs(), vec!["202401"]);
        assert_eq!(r.months_of("202401").count(), 3);
        assert!(r.versions[0].is_sunset("2026-11-23"));
        assert_eq!(r.latest().version, "202403");
    }

    #[test]
    fn a_change_file_makes_its_month_govern_the_following_ones() {
        let r = Registry::parse(
            GOOD,
            Path::new("spec/versions.yaml"),
            &["202402".to_owned()],
        )
        .unwrap();
        assert_eq!(r.specs(), vec!["202401", "202402"]);
        let governing: Vec<&str> = r.versions.iter().map(|m| m.spec.as_str()).collect();
        assert_eq!(governing, ["202401", "202402", "202402"]);
        for (month, words) in [
            ("202404", "not a month listed"),
            ("202401", "is the first month"),
        ] {
            let e = Registry::parse(GOOD, Path::new("spec/versions.yaml"), &[month.to_owned()])
                .unwrap_err()
                .to_string();
            assert!(
                e.starts_with(&format!("spec/source/{month}.overlay.yaml: #: "))
                    && e.contains(words),
                "{e}"
            );
        }
    }

    #[test]
    fn refuses_bad_registries_with_a_pointer() {
        let cases = [
            (
                GOOD.replace("version: \"202402\"", "version: \"202401\""),
                "#/versions/1/version",
                "out of order",
            ),
            (
                GOOD.replace(
                    "sunset_estimated: true}",
                    "sunset_estimated: true, spec: \"202401\"}",
                ),
                "#/versions/0",
                "unknown field",
            ),
            (
                GOOD.replace("\"2025-02-15\"", "\"soon\""),
                "#/versions/1/sunset",
                "not a YYYY-MM-DD",
            ),
            (
                GOOD.replace("released: \"2024-02\"", "released: \"2024-03\""),
                "#/versions/1/released",
                "should be",
            ),
            (
                GOOD.replace("sunset_estimated", "estimated"),
                "#/versions/0",
                "unknown field",
            ),
            (
                GOOD.replace("version: \"202402\"", "version: \"202413\""),
                "#/versions/1/version",
                "not a YYYYMM",
            ),
        ];
        for (text, pointer, words) in cases {
            let e = parse(&text).unwrap_err().to_string();
            assert!(
                e.contains(pointer) && e.contains(words),
                "{pointer} / {words}: {e}"
            );
        }
    }
}
