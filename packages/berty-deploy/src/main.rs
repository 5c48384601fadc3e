//! `berty-deploy plan --config FILE --creator ADDR --checksums FILE`: prints the deployment
//! plan (instantiate2 addresses and instantiate messages) as JSON, for scripts/deploy.sh.

use std::process::ExitCode;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("berty-deploy: {err}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: berty-deploy plan --config FILE --creator ADDR --checksums FILE";

fn run(args: Vec<String>) -> Result<String, String> {
    let (command, rest) = args.split_first().ok_or(USAGE)?;
    if command != "plan" {
        return Err(USAGE.into());
    }
    let (mut config, mut creator, mut checksums) = (None, None, None);
    let mut it = rest.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(USAGE)?.clone();
        match flag.as_str() {
            "--config" => config = Some(value),
            "--creator" => creator = Some(value),
            "--checksums" => checksums = Some(value),
            _ => return Err(USAGE.into()),
        }
    }
    let (config, creator, checksums) = match (config, creator, checksums) {
        (Some(a), Some(b), Some(c)) => (a, b, c),
        _ => return Err(USAGE.into()),
    };
    let read = |path: &str| std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"));
    let config: berty_deploy::Config =
        serde_json::from_str(&read(&config)?).map_err(|e| format!("{config}: {e}"))?;
    let sums = read(&checksums)?;
    let plan = berty_deploy::plan(&config, &creator, berty_deploy::parse_checksums(&sums))
        .map_err(|e| e.to_string())?;
    serde_json::to_string_pretty(&plan).map_err(|e| e.to_string())
}
