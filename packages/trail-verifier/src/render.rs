//! The readable account of a bundle, to ship in the source tree and the app: the
//! candidate, each report and whether it counted, each vote by college, the decision,
//! the artifacts with their digests and the publications. Plain text, stable order.

use std::fmt::Write;

use berty_interface::audit_registry::ReportEventData;
use berty_interface::council_vote::Rules;
use berty_interface::membership::MemberEventData;
use berty_interface::release::ReleaseEventData;
use berty_interface::{College, Role};
use cosmwasm_std::{to_json_string, Addr, Binary, Timestamp};

use crate::bundle::Bundle;
use crate::members::MembersReplay;
use crate::tally::{rules_text, tally_text};
use crate::verify::{verify, Verified};

fn name<T: serde::Serialize>(value: &T) -> String {
    to_json_string(value)
        .unwrap_or_default()
        .trim_matches('"')
        .to_string()
}

fn key(pubkey: &Option<Binary>) -> String {
    pubkey.as_ref().map_or_else(
        || "no key".to_string(),
        |k| format!("key {}", k.to_base64()),
    )
}

/// `2023-11-14 22:15:00 UTC` (proleptic Gregorian, from Unix seconds).
fn time(t: &Timestamp) -> String {
    let seconds = t.seconds();
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    // H. Hinnant's civil_from_days, for days since 1970-01-01 (never negative here)
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// What an actor was in the block of its act: a role from the replayed members log, or
/// one of the DAO's contracts.
fn who(bundle: &Bundle, replay: Option<&MembersReplay>, actor: &Addr, height: u64) -> String {
    let c = &bundle.contracts;
    let contract = [
        (&c.council_vote, "the council-vote contract"),
        (&c.audit_registry, "the audit-registry contract"),
        (&c.release, "the release contract"),
        (&c.membership, "the membership contract"),
    ]
    .into_iter()
    .find(|(addr, _)| *addr == actor);
    if let Some((_, name)) = contract {
        return format!(" ({name})");
    }
    replay
        .and_then(|r| {
            r.role_at(actor, r.at_block_end(height))
                .or_else(|| r.role_at(actor, r.at_block_start(height)))
        })
        .map_or_else(String::new, |role| format!(" ({})", role_label(role)))
}

fn role_label(role: Role) -> String {
    match role {
        Role::Council { college } => format!("council member, {}", college.as_str()),
        Role::CoreTeamRep => "core team representative".to_string(),
        Role::Auditor => "official auditor".to_string(),
    }
}

fn met(yes: bool) -> &'static str {
    if yes {
        "met"
    } else {
        "not met"
    }
}

/// The short account `berty-trail verify` prints once everything held.
pub fn summary(verified: &Verified) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "OK: release {} ({})",
        verified.version, verified.release_id
    );
    let _ = writeln!(out, "status: {}", name(&verified.status));
    let _ = writeln!(
        out,
        "release log: {} events, head {}",
        verified.release_log.length, verified.release_log.head
    );
    let _ = writeln!(
        out,
        "reports log: {} events ({} after the last commitment); members log: {} events ({} after the last commitment)",
        verified.reports_log.length,
        verified.uncommitted_reports_events,
        verified.members_log.length,
        verified.uncommitted_members_events
    );
    for gate in &verified.gates {
        let _ = writeln!(
            out,
            "audit gate at {} (release seq {}): passed, {} counted positive",
            name(&gate.kind),
            gate.seq,
            gate.gate.positive().count()
        );
    }
    for vote in &verified.votes {
        let _ = writeln!(
            out,
            "proposal {}: {} ({})",
            vote.proposal_id,
            if vote.outcome.passed() {
                "passed"
            } else {
                "rejected"
            },
            tally_text(&vote.tally)
        );
    }
    for matched in &verified.artifacts {
        let _ = writeln!(
            out,
            "artifact file {}: {} ({})",
            matched.file, matched.artifact, matched.digest
        );
    }
    let _ = writeln!(
        out,
        "signatures verified: {}{}",
        verified.signatures_checked,
        if verified.unverifiable_signatures > 0 {
            format!(
                " ({} superseded ballot signatures not checkable: rationale text gone)",
                verified.unverifiable_signatures
            )
        } else {
            String::new()
        }
    );
    out
}

/// The full account of a bundle. It verifies the bundle first and says so at the top; a
/// bundle that fails is still rendered, with the failure, and without what only a
/// successful verification establishes (which reports counted, the re-derived tallies).
pub fn render(bundle: &Bundle) -> String {
    let result = verify(bundle, &[]);
    let verified = result.as_ref().ok();
    // Replayed again for the account's role labels; only a verified bundle's is trusted.
    let replay = verified.and_then(|_| MembersReplay::replay(&bundle.members_log).ok());
    let replay = replay.as_ref();
    let mut out = String::new();
    let app = bundle
        .release_log
        .first()
        .and_then(|e| match &e.event.data {
            ReleaseEventData::Proposed { app_name, .. } => Some(app_name.as_str()),
            _ => None,
        })
        .unwrap_or("?");
    let _ = writeln!(
        out,
        "Berty DAO release trail: {app} {}",
        bundle.release.version
    );
    let _ = writeln!(
        out,
        "release id (sha256 of the source archive): {}",
        bundle.release_id
    );
    let _ = writeln!(out, "chain {}", bundle.chain_id);
    let c = &bundle.contracts;
    let _ = writeln!(
        out,
        "contracts: release {}, audit registry {}, council vote {}, membership {}",
        c.release, c.audit_registry, c.council_vote, c.membership
    );
    match &result {
        Ok(v) => {
            let _ = writeln!(
                out,
                "VERIFIED: every hash chain, commitment, role, key, signature, audit gate and tally checks out; release log head {} ({} events)",
                v.release_log.head, v.release_log.length
            );
            let _ = writeln!(
                out,
                "This head anchors the whole account: it must equal the head shipped in the app or a node's trail_head answer. The last section says what this account does not prove."
            );
        }
        Err(e) => {
            let _ = writeln!(out, "FAILED: {e}");
        }
    }
    let _ = writeln!(out, "status: {}", name(&bundle.release.status));

    let _ = writeln!(out, "\n== Release log");
    for entry in &bundle.release_log {
        let e = &entry.event;
        let _ = write!(
            out,
            "[{}] block {} at {}: {} by {}{}",
            e.seq,
            e.height,
            time(&e.time),
            name(&e.kind),
            e.actor,
            who(bundle, replay, &e.actor, e.height)
        );
        match &e.data {
            ReleaseEventData::Proposed {
                version,
                source_uri,
                commit,
                notes_uri,
                ..
            } => {
                let _ = write!(out, "\n    version {version}, source {source_uri}");
                if let Some(commit) = commit {
                    let _ = write!(out, ", commit {commit}");
                }
                if let Some(notes) = notes_uri {
                    let _ = write!(out, ", notes {notes}");
                }
            }
            ReleaseEventData::VoteOpened {
                proposal_id,
                reports_log,
                members_log,
            } => {
                let _ = write!(
                    out,
                    "\n    proposal {proposal_id}; commits to reports log {} events ({}), members log {} events ({})",
                    reports_log.length, reports_log.head, members_log.length, members_log.head
                );
            }
            ReleaseEventData::Decision {
                proposal_id,
                passed,
                tally,
                ballots_log,
                rules,
            } => {
                let _ = write!(
                    out,
                    "\n    proposal {proposal_id}: {}; {}; ballots log {} events ({}); {}",
                    if *passed { "passed" } else { "rejected" },
                    tally_text(tally),
                    ballots_log.length,
                    ballots_log.head,
                    rules.as_ref().map_or_else(
                        || "rules not committed (a decision of the first version)".to_string(),
                        |r| format!("under the rules {}", rules_text(r))
                    )
                );
            }
            ReleaseEventData::Finalized {
                proposal_id,
                artifacts,
                build,
                reports_log,
                members_log,
            } => {
                let _ = write!(
                    out,
                    "\n    approved by proposal {proposal_id}; built by {}",
                    build.builder
                );
                if let Some(uri) = &build.provenance_uri {
                    let _ = write!(out, ", provenance {uri}");
                }
                if let Some(digest) = &build.provenance_digest {
                    let _ = write!(out, " (sha256 {digest})");
                }
                let _ = write!(
                    out,
                    "\n    commits to reports log {} events ({}), members log {} events ({})",
                    reports_log.length, reports_log.head, members_log.length, members_log.head
                );
                for a in artifacts {
                    let _ = write!(
                        out,
                        "\n    artifact {} ({}): sha256 {} at {}",
                        a.name, a.platform, a.digest, a.uri
                    );
                }
            }
            ReleaseEventData::Published {
                channel,
                artifact_digest,
                listing_uri,
            } => {
                let _ = write!(
                    out,
                    "\n    {channel}: artifact {}, {}",
                    artifact_name(bundle, artifact_digest),
                    key(&e.pubkey)
                );
                if let Some(uri) = listing_uri {
                    let _ = write!(out, ", listing {uri}");
                }
            }
            ReleaseEventData::Withdrawn { reason } => {
                let _ = write!(out, "\n    reason: {reason}");
            }
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "\n== Reports");
    let committed_reports = verified.map(|v| v.reports_log.length - v.uncommitted_reports_events);
    for entry in &bundle.reports_log {
        let e = &entry.event;
        if committed_reports == Some(e.seq) {
            let _ = writeln!(
                out,
                "(the release log commits to none of the reports below: they are bound by the reports log's own chain only)"
            );
        }
        match &e.data {
            ReportEventData::Report {
                auditor,
                status,
                report_uri,
                report_digest,
                signature,
            } => {
                let _ = writeln!(
                    out,
                    "[{}] block {}: {} says {}, {}, {}\n    report {} (sha256 {})",
                    e.seq,
                    e.height,
                    auditor,
                    name(status),
                    key(&e.pubkey),
                    if signature.is_some() {
                        "signed"
                    } else {
                        "unsigned"
                    },
                    report_uri,
                    report_digest
                );
            }
            ReportEventData::Slashed {
                auditor,
                challenge_id,
                slash_ratio,
                amount,
                voided_report,
            } => {
                let _ = writeln!(
                    out,
                    "[{}] block {}: {} slashed {} (ratio {}) on challenge {}; {}",
                    e.seq,
                    e.height,
                    auditor,
                    amount,
                    slash_ratio,
                    challenge_id,
                    voided_report.map_or_else(
                        || "no report voided (a newer one had replaced the challenged one)"
                            .to_string(),
                        |seq| format!("report [{seq}] void from here on")
                    )
                );
            }
        }
    }
    if let Some(v) = verified {
        for gate in &v.gates {
            let _ = writeln!(
                out,
                "audit gate at {} (release seq {}), reports log {} events, members log {} events: {}",
                name(&gate.kind),
                gate.seq,
                gate.reports_log.length,
                gate.members_log.length,
                if gate.gate.passed { "passed" } else { "blocked" }
            );
            for r in &gate.gate.reports {
                let _ = writeln!(
                    out,
                    "    {} {} (report seq {}): {}",
                    r.auditor,
                    name(&r.status),
                    r.seq,
                    if r.counted {
                        "counted"
                    } else if r.voided {
                        "not counted (voided by a slash)"
                    } else {
                        "not counted (not an auditor then)"
                    }
                );
            }
        }
    }

    for (index, vote) in bundle.votes.iter().enumerate() {
        let p = &vote.proposal;
        let _ = writeln!(
            out,
            "\n== Council vote, proposal {} (snapshot: start of block {}, deadline {})",
            p.id,
            p.snapshot_height,
            time(&p.deadline)
        );
        let (source, rules) = match decision_rules(bundle, p.id) {
            Some(Some(committed)) => ("committed by the release log's decision", committed),
            Some(None) => (
                "as the council answers them (its decision, of the first version, does not commit to them)",
                &p.rules,
            ),
            None => (
                "as the council answers them (no decision commits to them yet)",
                &p.rules,
            ),
        };
        let _ = writeln!(out, "rules, {source}: {}", rules_text(rules));
        for college in College::ALL {
            let _ = writeln!(out, "{}:", college.as_str());
            for b in vote.ballots.iter().filter(|b| b.college == college) {
                let _ = writeln!(
                    out,
                    "    {} {} at block {}, {}, {}{}",
                    b.voter,
                    name(&b.vote),
                    b.height,
                    key(&b.pubkey),
                    if b.signature.is_some() {
                        "signed"
                    } else {
                        "unsigned"
                    },
                    b.rationale
                        .as_ref()
                        .map_or_else(String::new, |r| format!(", rationale \"{r}\""))
                );
            }
        }
        match verified.and_then(|v| v.votes.get(index)) {
            Some(derived) => {
                if derived.recorded.is_none() {
                    let _ = writeln!(
                        out,
                        "(no decision on this vote in the release log: its ballots are bound by the ballots log's own chain only)"
                    );
                }
                for college in College::ALL {
                    let o = derived.outcome.college(college);
                    let t = derived.tally.college(college);
                    let _ = writeln!(
                        out,
                        "{}: {} yes, {} no, {} abstain of {} eligible; turnout {}, approval {}",
                        college.as_str(),
                        t.yes,
                        t.no,
                        t.abstain,
                        t.eligible,
                        met(o.turnout_met),
                        met(o.approval_met)
                    );
                }
                let decision = match derived.outcome.rejection {
                    None => "passed".to_string(),
                    Some(r) => format!("rejected ({} in {})", name(&r.reason), r.college.as_str()),
                };
                let _ = writeln!(
                    out,
                    "decision: {decision}; ballots log {} events ({})",
                    derived.ballots_log.length, derived.ballots_log.head
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "tally (as answered, not verified): {}",
                    tally_text(&p.tally)
                );
            }
        }
    }

    let _ = writeln!(out, "\n== Artifacts");
    for a in &bundle.release.artifacts {
        let _ = writeln!(
            out,
            "{} ({}): sha256 {}\n    {}",
            a.name, a.platform, a.digest, a.uri
        );
    }
    let _ = writeln!(out, "\n== Publications");
    for entry in &bundle.release_log {
        if let ReleaseEventData::Published {
            channel,
            artifact_digest,
            ..
        } = &entry.event.data
        {
            let _ = writeln!(
                out,
                "{channel}: {} by {} ({})",
                artifact_name(bundle, artifact_digest),
                entry.event.actor,
                key(&entry.event.pubkey)
            );
        }
    }
    let _ = writeln!(
        out,
        "\n== Members log: {} events{}",
        bundle.members_log.len(),
        verified.map_or_else(String::new, |v| format!(
            ", head {}, {} after the last commitment{}",
            v.members_log.head,
            v.uncommitted_members_events,
            if v.uncommitted_members_events > 0 {
                " (those are bound by the members log's own chain only, not by the release log head)"
            } else {
                ""
            }
        ))
    );
    // Role changes after the genesis block, with who sent them: after bootstrap only
    // governance (the council-vote contract) and, for auditors, the registry should.
    let genesis = bundle.members_log.first().map(|e| e.event.height);
    let changes: Vec<String> = bundle
        .members_log
        .iter()
        .map(|entry| &entry.event)
        .filter(|e| Some(e.height) != genesis)
        .filter_map(|e| match &e.data {
            MemberEventData::Role { addr, role } => Some(format!(
                "    [{}] block {}: {} {} {} by {}{}",
                e.seq,
                e.height,
                name(&e.kind),
                addr,
                role_label(*role),
                e.actor,
                who(bundle, None, &e.actor, e.height)
            )),
            MemberEventData::Pubkey { .. } => None,
        })
        .collect();
    if !changes.is_empty() {
        let _ = writeln!(
            out,
            "role changes after the genesis block, and who sent them:"
        );
        for line in changes {
            let _ = writeln!(out, "{line}");
        }
    }
    if let (Some(v), Some(replay)) = (verified, replay) {
        let committed = v.members_log.length - v.uncommitted_members_events;
        let _ = writeln!(
            out,
            "who held which role when the release log last committed to the members log (its first {committed} events), with their registered keys:"
        );
        for role in Role::ALL {
            for addr in replay.holders(role, committed) {
                let registered = replay.key_at(addr, committed).cloned();
                let _ = writeln!(out, "    {addr} {}, {}", role_label(role), key(&registered));
            }
        }
    }
    let _ = writeln!(out, "\n== What this account does not prove");
    for line in LIMITATIONS {
        let _ = writeln!(out, "- {line}");
    }
    out
}

/// What a reader should know the account does not establish (README, Limitations).
const LIMITATIONS: [&str; 6] = [
    "That these are the chain's own logs: the bundle proves itself consistent, and the release log head above fixes every event behind it; compare that head with a trusted one (the app's, or a node's trail_head answer: berty-trail verify BUNDLE --trail-head HEX).",
    "That the files you hold are these artifacts: check them with berty-trail verify BUNDLE --artifact FILE.",
    "What the reports say: the logs keep each report's address and sha256; fetch a report and compare its digest.",
    "The voting rules of a vote without a recorded decision, or with a decision of the first version (which does not hold them): the release log commits to a vote's rules with its decision, and the decision is re-derived under them from the ballots and the members log; otherwise the rules are the council's answer.",
    "In staked mode, an auditor's bond: no log carries it. A report is counted while its auditor holds the auditor role, which the registry revokes when the bond falls below min_bond.",
    "Who decided each membership change: the members log is the membership contract's own record of it; the council proposals behind it are not in this bundle.",
];

/// The release log's decision on `proposal_id`, if any, and the rules it committed to
/// (`None` in a decision of the first version).
fn decision_rules(bundle: &Bundle, proposal_id: u64) -> Option<Option<&Rules>> {
    bundle.release_log.iter().find_map(|e| match &e.event.data {
        ReleaseEventData::Decision {
            proposal_id: id,
            rules,
            ..
        } if *id == proposal_id => Some(rules.as_ref()),
        _ => None,
    })
}

/// An artifact's name and digest, from the finalized artifacts.
fn artifact_name(bundle: &Bundle, digest: &str) -> String {
    bundle
        .release
        .artifacts
        .iter()
        .find(|a| a.digest == digest)
        .map_or_else(
            || digest.to_string(),
            |a| format!("{} (sha256 {digest})", a.name),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_render_as_utc() {
        for (seconds, text) in [
            (0, "1970-01-01 00:00:00 UTC"),
            (951_782_400, "2000-02-29 00:00:00 UTC"),
            (1_700_000_100, "2023-11-14 22:15:00 UTC"),
            (4_107_542_399, "2100-02-28 23:59:59 UTC"),
        ] {
            assert_eq!(time(&Timestamp::from_seconds(seconds)), text);
        }
    }
}
