//! Snapshots of how the generated Rust API differs between versions: for every consecutive pair
//! of specs, and for 202401 → 202606 as a whole, the items added, removed and changed
//! (`codegen::surface`), beside the change reports in `snapshots/changes/`. The generated files
//! themselves are checked by `codegen/tests/generated_fresh.rs`, not copied here.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use codegen::registry::Registry;
use codegen::surface::{Listing, diff};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The API listing of every spec module generated from the specs under `root`.
fn listings(root: &Path) -> (Registry, Vec<(String, Listing)>) {
    let registry = Registry::load(root).expect("the registry loads");
    let files = codegen::generate(root, &registry).expect("every spec generates");
    let listings = registry
        .specs()
        .into_iter()
        .map(|spec| {
            let listing =
                Listing::of_module(&files, &format!("s{spec}")).expect("the module lists");
            (spec.to_owned(), listing)
        })
        .collect();
    (registry, listings)
}

/// The snapshot text: which months and spec modules are compared, then the diff.
fn report(
    from: (&str, &str),
    to: (&str, &str),
    from_listing: &Listing,
    to_listing: &Listing,
) -> String {
    let (from_month, from_spec) = from;
    let (to_month, to_spec) = to;
    let changes = diff(from_listing, to_listing);
    format!(
        "Rust API of linkedin_api::v{from_month} → v{to_month} (spec modules s{from_spec} → s{to_spec})\n\
         `- ` removed, `+ ` added; a changed item is a removed line beside an added one.\n\n{}",
        if changes.is_empty() {
            "no change\n".to_owned()
        } else {
            changes
        }
    )
}

/// The workspace's listings, built once for every test of this file.
fn workspace() -> &'static (Registry, Vec<(String, Listing)>) {
    static LISTINGS: OnceLock<(Registry, Vec<(String, Listing)>)> = OnceLock::new();
    LISTINGS.get_or_init(|| listings(&root()))
}

#[test]
fn api_differences_between_versions() {
    let (registry, listings) = workspace();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/changes");
    settings.bind(|| {
        for pair in listings.windows(2) {
            let ((a, from), (b, to)) = (&pair[0], &pair[1]);
            insta::assert_snapshot!(format!("{a}-{b}-api"), report((a, a), (b, b), from, to));
        }
        let first = &registry.versions[0];
        let last = registry.latest();
        let (_, from) = listings
            .iter()
            .find(|(s, _)| *s == first.spec)
            .expect("first spec");
        let (_, to) = listings
            .iter()
            .find(|(s, _)| *s == last.spec)
            .expect("last spec");
        insta::assert_snapshot!(
            format!("{}-{}-api", first.version, last.version),
            report(
                (&first.version, &first.spec),
                (&last.version, &last.spec),
                from,
                to
            )
        );
    });
}

#[test]
fn a_module_compared_with_itself_has_no_change() {
    let (_, listings) = workspace();
    for (spec, listing) in listings {
        assert!(!listing.to_string().is_empty(), "s{spec} lists nothing");
        assert_eq!(diff(listing, listing), "", "s{spec}");
    }
}

/// A change to one month's overlay is carried into every later spec, so of the consecutive
/// pairs only the one into that month shows it.
#[test]
fn an_overlay_change_shows_in_exactly_one_consecutive_pair() {
    const MONTH: &str = "202504";
    let copy = tempfile::tempdir().expect("a temporary folder");
    let spec = copy.path().join("spec");
    std::fs::create_dir_all(spec.join("source")).expect("spec/source");
    std::fs::copy(
        root().join("spec/versions.yaml"),
        spec.join("versions.yaml"),
    )
    .expect("registry");
    for entry in std::fs::read_dir(root().join("spec/source")).expect("spec/source") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().expect("a file name");
        std::fs::copy(&path, spec.join("source").join(name)).expect("a source file");
    }
    let overlay = spec.join(format!("source/{MONTH}.overlay.yaml"));
    let mut text = std::fs::read_to_string(&overlay).expect("the overlay");
    text.push_str(
        "- target: $.components.schemas.AuditStamp.properties\n  \
           update:\n    surfaceProbe:\n      type: string\n      description: A probe.\n",
    );
    std::fs::write(&overlay, text).expect("the changed overlay");

    let (_, before) = workspace();
    let (_, after) = listings(copy.path());
    let pairs = |listings: &[(String, Listing)]| -> Vec<(String, String)> {
        listings
            .windows(2)
            .map(|p| (format!("{}-{}", p[0].0, p[1].0), diff(&p[0].1, &p[1].1)))
            .collect()
    };
    let changed: Vec<(String, String)> = pairs(before)
        .into_iter()
        .zip(pairs(&after))
        .filter(|((_, old), (_, new))| old != new)
        .map(|(_, (pair, new))| (pair, new))
        .collect();
    assert_eq!(changed.len(), 1, "{changed:#?}");
    let (pair, api) = &changed[0];
    assert_eq!(pair, "202501-202504");
    assert!(
        api.contains("+ pub common::AuditStamp::surface_probe: Option<String>"),
        "{api}"
    );
}
