//! Prints what the generator makes of one spec:
//! `cargo run -p linkedin-api-codegen --example dump -- SPEC.yaml`.
fn main() -> std::process::ExitCode {
    let Some(spec) = std::env::args().nth(1) else {
        eprintln!("usage: dump SPEC.yaml");
        return std::process::ExitCode::FAILURE;
    };
    match codegen::generate_one(std::path::Path::new(&spec), "209912") {
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
