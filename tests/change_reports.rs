//! Snapshots of the change report for every consecutive pair of specs, and for 202401 → 202606
//! as a whole, so a new spec's effect on users is reviewed like code.

use std::path::Path;

#[test]
fn change_reports_between_versions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let registry = codegen::registry::Registry::load(&root).expect("registry");
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/changes");
    settings.bind(|| {
        let specs = registry.specs();
        for pair in specs.windows(2) {
            let report =
                codegen::change_report(&root, &registry, pair[0], pair[1]).expect("report");
            insta::assert_snapshot!(format!("{}-{}", pair[0], pair[1]), report.to_markdown());
        }
        let first = &registry.versions[0].version;
        let last = &registry.latest().version;
        let whole = codegen::change_report(&root, &registry, first, last).expect("report");
        insta::assert_snapshot!(format!("{first}-{last}"), whole.to_markdown());
    });
}

#[test]
fn the_known_breaking_changes_are_found() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let registry = codegen::registry::Registry::load(&root).expect("registry");
    let breaking = |from: &str, to: &str| -> Vec<String> {
        let r = codegen::change_report(&root, &registry, from, to).expect("report");
        r.changes
            .into_iter()
            .filter(|c| c.severity == codegen::diff::Severity::Breaking)
            .map(|c| c.subject)
            .collect()
    };
    assert_eq!(
        breaking("202407", "202408"),
        vec!["organizations.findByEmailDomain"]
    );
    assert_eq!(
        breaking("202604", "202605"),
        vec![
            "EventCreate.endsAt",
            "MemberPostAnalytics.metricType",
            "MemberVideoAnalytics.metricType"
        ]
    );
    assert!(breaking("202605", "202606").is_empty());
}
