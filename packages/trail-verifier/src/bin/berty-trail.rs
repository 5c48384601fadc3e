//! `berty-trail verify BUNDLE [--artifact FILE]... [--trail-head HEX] [--trusted FILE]`:
//! exit 0 with a short account, or exit 1 with `FAILED: <what>`. `--trusted` names the
//! bundle the installed app shipped with, which this one must continue.
//! `berty-trail render BUNDLE [-o FILE]`: the readable account, on stdout or into FILE;
//! a bundle that fails verification is not rendered (exit 1, `FAILED: <what>`).
//! `berty-trail export --node URL --chain-id ID --release ADDR --release-id HEX [--cli wasmd]
//! [-o FILE] [--verbose]`: the bundle of one release read from a node through its CLI's
//! smart queries (`CLI query wasm contract-state smart ADDR JSON --node URL -o json`), every
//! log page by page, on stdout or into FILE; `--verbose` prints each query on stderr. A
//! failing query exits 1 naming it.
//! Usage and file errors exit 2.

use std::path::PathBuf;
use std::process::ExitCode;

use berty_trail_verifier::export::CliQuerier;
use berty_trail_verifier::render::summary;
use berty_trail_verifier::{check_continues, render, verify, ArtifactFile, Bundle, VerifyError};
use cosmwasm_std::{Addr, QuerierWrapper};

const USAGE: &str = "usage:
  berty-trail verify BUNDLE [--artifact FILE]... [--trail-head HEX] [--trusted FILE]
  berty-trail render BUNDLE [-o FILE]
  berty-trail export --node URL --chain-id ID --release ADDR --release-id HEX [--cli wasmd] [-o FILE] [--verbose]";

enum Command {
    Verify {
        bundle: PathBuf,
        artifacts: Vec<PathBuf>,
        trail_head: Option<String>,
        trusted: Option<PathBuf>,
    },
    Render {
        bundle: PathBuf,
        output: Option<PathBuf>,
    },
}

struct Export {
    cli: PathBuf,
    node: String,
    chain_id: String,
    release: String,
    release_id: String,
    output: Option<PathBuf>,
    verbose: bool,
}

fn parse_export(args: &[String]) -> Result<Export, String> {
    let (mut cli, mut output, mut verbose) = (PathBuf::from("wasmd"), None, false);
    let (mut node, mut chain_id, mut release, mut release_id) = (None, None, None, None);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--verbose" {
            verbose = true;
            continue;
        }
        let value = rest
            .next()
            .cloned()
            .ok_or_else(|| format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--cli" => cli = value.into(),
            "--node" => node = Some(value),
            "--chain-id" => chain_id = Some(value),
            "--release" => release = Some(value),
            "--release-id" => release_id = Some(value),
            "-o" | "--output" => output = Some(value.into()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    let missing = |name: &str| format!("export needs {name}");
    let release_id = release_id.ok_or_else(|| missing("--release-id"))?;
    if release_id.len() != 64
        || !release_id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err("--release-id must be 64 lowercase hex characters".into());
    }
    Ok(Export {
        cli,
        node: node.ok_or_else(|| missing("--node"))?,
        chain_id: chain_id.ok_or_else(|| missing("--chain-id"))?,
        release: release.ok_or_else(|| missing("--release"))?,
        release_id,
        output,
        verbose,
    })
}

fn parse(args: &[String]) -> Result<Command, String> {
    let (command, rest) = args.split_first().ok_or("no command")?;
    let mut bundle = None;
    let mut artifacts = Vec::new();
    let mut trail_head = None;
    let mut trusted = None;
    let mut output = None;
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        let mut value = || {
            rest.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        match (command.as_str(), arg.as_str()) {
            ("verify", "--artifact") => artifacts.push(PathBuf::from(value()?)),
            // hex as any tool prints it; the trail writes it in lowercase
            ("verify", "--trail-head") => trail_head = Some(value()?.to_ascii_lowercase()),
            ("verify", "--trusted") => trusted = Some(PathBuf::from(value()?)),
            ("render", "-o" | "--output") => output = Some(PathBuf::from(value()?)),
            (_, flag) if flag.starts_with('-') => return Err(format!("unknown option {flag}")),
            (_, path) if bundle.is_none() => bundle = Some(PathBuf::from(path)),
            (_, extra) => return Err(format!("unexpected argument {extra}")),
        }
    }
    let bundle = bundle.ok_or("no BUNDLE given")?;
    match command.as_str() {
        "verify" => Ok(Command::Verify {
            bundle,
            artifacts,
            trail_head,
            trusted,
        }),
        "render" => Ok(Command::Render { bundle, output }),
        other => Err(format!("unknown command {other}")),
    }
}

fn read_bundle(path: &PathBuf) -> Result<Bundle, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Bundle::from_json(&bytes).map_err(|e| format!("{}: not a bundle: {e}", path.display()))
}

/// What an export ends with: the bundle written, or a failure in words (exit 1).
fn export(e: Export) -> Result<Result<String, String>, String> {
    let querier = CliQuerier::new(&e.cli, &e.node, e.verbose);
    let wrapper = QuerierWrapper::new(&querier);
    let bundle = match Bundle::export(
        &wrapper,
        &e.chain_id,
        &Addr::unchecked(&e.release),
        &e.release_id,
    ) {
        Ok(bundle) => bundle,
        Err(err) => return Ok(Err(querier.failure().unwrap_or_else(|| err.to_string()))),
    };
    let text = serde_json::to_string_pretty(&bundle).map_err(|e| e.to_string())? + "\n";
    match e.output {
        Some(path) => {
            std::fs::write(&path, text).map_err(|err| format!("{}: {err}", path.display()))?;
            Ok(Ok(format!("wrote {}\n", path.display())))
        }
        None => Ok(Ok(text)),
    }
}

fn run(command: Command) -> Result<Result<String, VerifyError>, String> {
    match command {
        Command::Verify {
            bundle,
            artifacts,
            trail_head,
            trusted,
        } => {
            let bundle = read_bundle(&bundle)?;
            let trusted = trusted.as_ref().map(read_bundle).transpose()?;
            let files = artifacts
                .iter()
                .map(|path| {
                    Ok(ArtifactFile {
                        name: path.display().to_string(),
                        bytes: std::fs::read(path)
                            .map_err(|e| format!("{}: {e}", path.display()))?,
                    })
                })
                .collect::<Result<Vec<_>, String>>()?;
            Ok(verify(&bundle, &files).and_then(|verified| {
                let mut text = summary(&verified);
                match trail_head {
                    Some(expected) if expected != verified.release_log.head => {
                        return Err(VerifyError::TrailHeadMismatch {
                            found: verified.release_log.head.clone(),
                            expected,
                        })
                    }
                    Some(_) => text.push_str("release log head: the one given by --trail-head\n"),
                    None => text.push_str("release log head: not compared (no --trail-head): the bundle is consistent in itself; that it is the chain's trail needs this head to equal a trusted one (the app's, or a node's trail_head answer)\n"),
                }
                if let Some(trusted) = &trusted {
                    let kept = check_continues(trusted, &bundle, &verified)?;
                    text.push_str(&format!(
                        "update of the installed release {}: same chain and contracts, its {} members events unchanged, version {} is newer\n",
                        kept.trusted_version, kept.members_events_kept, verified.version
                    ));
                }
                Ok(text)
            }))
        }
        Command::Render { bundle, output } => {
            let bundle = read_bundle(&bundle)?;
            // An account of a bundle that fails is not one to ship.
            if let Err(failure) = verify(&bundle, &[]) {
                return Ok(Err(failure));
            }
            let text = render(&bundle);
            match output {
                Some(path) => {
                    std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
                    Ok(Ok(format!("wrote {}\n", path.display())))
                }
                None => Ok(Ok(text)),
            }
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("export") {
        // An export's failure goes to stderr: its stdout is the bundle.
        return match parse_export(&args[1..]).and_then(export) {
            Ok(Ok(text)) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Ok(Err(failure)) => {
                eprintln!("berty-trail export: {failure}");
                ExitCode::from(1)
            }
            Err(usage) => {
                eprintln!("berty-trail export: {usage}\n{USAGE}");
                ExitCode::from(2)
            }
        };
    }
    let outcome = parse(&args).and_then(run);
    match outcome {
        Ok(Ok(text)) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Ok(Err(failure)) => {
            println!("FAILED: {failure}");
            ExitCode::from(1)
        }
        Err(usage) => {
            eprintln!("berty-trail: {usage}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
