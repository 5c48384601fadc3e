//! `berty-trail verify BUNDLE [--artifact FILE]... [--trail-head HEX] [--trusted FILE]`:
//! exit 0 with a short account, or exit 1 with `FAILED: <what>`. `--trusted` names the
//! bundle the installed app shipped with, which this one must continue.
//! `berty-trail render BUNDLE [-o FILE]`: the readable account, on stdout or into FILE;
//! a bundle that fails verification is not rendered (exit 1, `FAILED: <what>`).
//! Usage and file errors exit 2.

use std::path::PathBuf;
use std::process::ExitCode;

use berty_trail_verifier::render::summary;
use berty_trail_verifier::{check_continues, render, verify, ArtifactFile, Bundle, VerifyError};

const USAGE: &str = "usage:
  berty-trail verify BUNDLE [--artifact FILE]... [--trail-head HEX] [--trusted FILE]
  berty-trail render BUNDLE [-o FILE]";

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
