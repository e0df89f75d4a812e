//! The version registry, `spec/versions.yaml`: every LinkedIn month, when it is sunset, and which
//! spec governs it. Months that share a spec share generated code.

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
    /// The spec (`spec/<spec>/openapi.yaml`) that describes this month.
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
        Self::parse(&text, Path::new(REGISTRY_PATH), |spec| {
            root.join(spec_path(spec)).is_file()
        })
    }

    /// Parses registry text; `spec_exists` says whether `spec/<v>/openapi.yaml` exists.
    pub fn parse(text: &str, file: &Path, spec_exists: impl Fn(&str) -> bool) -> Result<Registry> {
        let root = Ptr::root(file);
        let value: serde_json::Value =
            serde_yaml::from_str(text).map_err(|e| root.error(format!("invalid YAML: {e}")))?;
        let registry: Registry = serde_path_to_error::deserialize(value).map_err(|e| {
            let ptr = crate::load::path_to_pointer(&root, e.path());
            ptr.error(format!("malformed registry: {}", e.inner()))
        })?;
        registry.validate(&root, spec_exists)?;
        Ok(registry)
    }

    fn validate(&self, root: &Ptr, spec_exists: impl Fn(&str) -> bool) -> Result<()> {
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
            if !is_month(&m.spec) || m.spec.as_str() > m.version.as_str() {
                return at.at("spec").fail(format!(
                    "`{}` must be a month no later than {}",
                    m.spec, m.version
                ));
            }
            if !spec_exists(&m.spec) {
                return at
                    .at("spec")
                    .fail(format!("{} does not exist", spec_path(&m.spec).display()));
            }
            if !self.versions.iter().any(|o| o.version == m.spec) {
                return at
                    .at("spec")
                    .fail(format!("spec `{}` is not itself a listed month", m.spec));
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

fn is_month(s: &str) -> bool {
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

    const GOOD: &str = "as_of: \"2026-11-23\"\nversions:\n  - {version: \"202401\", released: \"2024-01\", sunset: \"2025-01-15\", sunset_estimated: true, spec: \"202401\"}\n  - {version: \"202402\", released: \"2024-02\", sunset: \"2025-02-15\", spec: \"202401\"}\n";

    fn parse(text: &str) -> Result<Registry> {
        Registry::parse(text, Path::new("spec/versions.yaml"), |s| s == "202401")
    }

    #[test]
    fn reads_months_and_their_specs() {
        let r = parse(GOOD).unwrap();
        assert_eq!(r.specs(), vec!["202401"]);
        assert_eq!(r.months_of("202401").count(), 2);
        assert!(r.versions[0].is_sunset("2026-11-23"));
        assert_eq!(r.latest().version, "202402");
    }

    #[test]
    fn refuses_bad_registries_with_a_pointer() {
        let cases = [
            (
                GOOD.replace(
                    "spec: \"202401\"}\n  - {version: \"202402\"",
                    "spec: \"202401\"}\n  - {version: \"202401\"",
                ),
                "#/versions/1/version",
                "out of order",
            ),
            (
                GOOD.replace("spec: \"202401\"}\n", "spec: \"202402\"}\n"),
                "#/versions/0/spec",
                "no later than",
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
