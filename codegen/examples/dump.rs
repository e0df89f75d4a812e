//! Prints what the generator makes of one spec: `cargo run -p linkedin-api-codegen --example dump -- SPEC`.
fn main() -> std::process::ExitCode {
    let Some(spec) = std::env::args().nth(1) else {
        eprintln!("usage: dump SPEC.yaml");
        return std::process::ExitCode::FAILURE;
    };
    let version = codegen::SpecVersion {
        module: "vdump".into(),
        spec: spec.into(),
        feature: "vdump".into(),
    };
    match codegen::generate(std::path::Path::new("."), &[version]) {
        Ok(files) => {
            for f in files {
                println!("==> {}\n{}", f.path, f.contents);
            }
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
