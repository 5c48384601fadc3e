//! `verify`: every chain, the cross-commitments, the signatures, and the release's
//! lifecycle re-derived from the bundle alone (SPEC section 6).

use std::collections::BTreeMap;

use berty_interface::audit_registry::ReportEventData;
use berty_interface::council_vote::ProposalStatus;
use berty_interface::release::{
    Artifact, BuildInfo, CouncilDecision, Publication, ReleaseEventData, ReleaseEventKind,
    ReleaseStatus,
};
use berty_interface::Role;

use berty_hashlog::{sha256, Event, LogHead};
use cosmwasm_std::{to_json_string, Addr, Timestamp};

use crate::bundle::{Bundle, BUNDLE_VERSION};
use crate::chain::{check_chain, CheckedChain, LogOrigin};
use crate::error::{LogId, Problem, VerifyError};
use crate::keys::{check_digest, check_key_of};
use crate::members::MembersReplay;
use crate::reports::{self, audit_gate, check_key_logged, check_registered_key, GateView};
use crate::votes::{check_vote, OpenedVote, VoteOutcome};

/// An artifact file given to `verify`: its name (for messages) and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArtifactFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A file that matched a finalized artifact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchedArtifact {
    pub file: String,
    pub artifact: String,
    pub digest: String,
}

/// The audit gate as re-derived at a `vote_opened` or `finalized` event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GateCheck {
    /// Seq of the release log event.
    pub seq: u64,
    pub kind: ReleaseEventKind,
    pub reports_log: LogHead,
    pub members_log: LogHead,
    pub gate: GateView,
}

/// What `verify` established.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    pub release_id: String,
    pub version: String,
    pub status: ReleaseStatus,
    pub proposer: Addr,
    /// The heads of the logs as the bundle holds them. The release log head fixes every
    /// other log up to its last commitment.
    pub release_log: LogHead,
    pub reports_log: LogHead,
    pub members_log: LogHead,
    /// Members events after the last commitment (bound by their own chain only).
    pub uncommitted_members_events: u64,
    /// Reports log events after the last commitment (bound by their own chain only).
    pub uncommitted_reports_events: u64,
    pub gates: Vec<GateCheck>,
    pub votes: Vec<VoteOutcome>,
    pub artifacts: Vec<MatchedArtifact>,
    pub signatures_checked: usize,
    pub unverifiable_signatures: usize,
}

/// What the release log says, folded event by event.
struct Trail {
    status: ReleaseStatus,
    proposer: Addr,
    version: String,
    source_uri: String,
    commit: Option<String>,
    notes_uri: Option<String>,
    proposed_at: Timestamp,
    proposal_id: Option<u64>,
    decision: Option<CouncilDecision>,
    artifacts: Vec<Artifact>,
    build: Option<BuildInfo>,
    released_at: Option<Timestamp>,
    publications: Vec<Publication>,
    withdrawn_reason: Option<String>,
}

fn kind_matches(kind: &ReleaseEventKind, data: &ReleaseEventData) -> bool {
    use ReleaseEventData as D;
    use ReleaseEventKind as K;
    matches!(
        (kind, data),
        (K::Proposed, D::Proposed { .. })
            | (K::VoteOpened, D::VoteOpened { .. })
            | (K::Decision, D::Decision { .. })
            | (K::Finalized, D::Finalized { .. })
            | (K::Published, D::Published { .. })
            | (K::Withdrawn, D::Withdrawn { .. })
    )
}

fn json<T: serde::Serialize>(value: &T) -> String {
    to_json_string(value)
        .unwrap_or_default()
        .trim_matches('"')
        .to_string()
}

/// Verifies the bundle from itself alone, and the artifact files against the finalized
/// artifact digests. Fails with the first thing that does not hold.
pub fn verify(bundle: &Bundle, artifacts: &[ArtifactFile]) -> Result<Verified, VerifyError> {
    if bundle.version != BUNDLE_VERSION {
        return Err(VerifyError::UnsupportedVersion {
            found: bundle.version,
            expected: BUNDLE_VERSION,
        });
    }
    let chain_id = bundle.chain_id.as_str();
    let members = check_chain(
        &LogOrigin {
            log: LogId::Members,
            domain: "members",
            chain_id,
            contract: &bundle.contracts.membership,
            key: berty_interface::keys::MEMBERS_LOG_KEY,
        },
        &bundle.members_log,
        |e| {
            use berty_interface::membership::{MemberEventData as D, MemberEventKind as K};
            matches!(
                (&e.kind, &e.data),
                (K::Granted | K::Revoked, D::Role { .. }) | (K::Pubkey, D::Pubkey { .. })
            )
        },
    )?;
    let replay = MembersReplay::replay(&bundle.members_log)?;
    let reports = check_chain(
        &LogOrigin {
            log: LogId::Reports,
            domain: "reports",
            chain_id,
            contract: &bundle.contracts.audit_registry,
            key: &bundle.release_id,
        },
        &bundle.reports_log,
        |e| reports::kind_matches(&e.kind, &e.data),
    )?;
    let mut signatures_checked = reports::check_reports(bundle, &replay)?;
    let release = check_chain(
        &LogOrigin {
            log: LogId::Release,
            domain: "release",
            chain_id,
            contract: &bundle.contracts.release,
            key: &bundle.release_id,
        },
        &bundle.release_log,
        |e| kind_matches(&e.kind, &e.data),
    )?;

    let mut walk = Walk {
        bundle,
        replay: &replay,
        reports: &reports,
        members: &members,
        gates: Vec::new(),
        votes: Vec::new(),
        ballots: Vec::new(),
        last_members_commitment: 0,
        last_reports_commitment: 0,
        closed: None,
    };
    let trail = walk.release_log()?;
    if let Some((closed_seq, closed_height)) = walk.closed {
        let late = bundle.reports_log.iter().find(|e| {
            matches!(e.event.data, ReportEventData::Report { .. }) && e.event.height > closed_height
        });
        if let Some(late) = late {
            return Err(VerifyError::Event {
                log: LogId::Reports,
                seq: late.event.seq,
                problem: Problem::ReportOnClosedCandidate {
                    height: late.event.height,
                    closed_seq,
                    closed_height,
                },
            });
        }
    }
    if walk.votes.len() != bundle.votes.len() {
        return Err(VerifyError::Log {
            log: LogId::Release,
            problem: Problem::VoteCount {
                expected: walk.votes.len(),
                found: bundle.votes.len(),
            },
        });
    }
    check_block_clock(bundle)?;
    check_answer(bundle, &trail)?;
    let matched = match_artifacts(&trail.artifacts, artifacts)?;

    signatures_checked += walk
        .votes
        .iter()
        .map(|v| v.signatures_checked)
        .sum::<usize>();
    Ok(Verified {
        release_id: bundle.release_id.clone(),
        version: trail.version,
        status: trail.status,
        proposer: trail.proposer,
        release_log: release.head(),
        reports_log: reports.head(),
        members_log: members.head(),
        uncommitted_members_events: members.len() - walk.last_members_commitment,
        uncommitted_reports_events: reports.len() - walk.last_reports_commitment,
        gates: walk.gates,
        unverifiable_signatures: walk.votes.iter().map(|v| v.unverifiable_signatures).sum(),
        votes: walk.votes,
        artifacts: matched,
        signatures_checked,
    })
}

/// The release log walked in order, with what each event needs from the other logs.
struct Walk<'a> {
    bundle: &'a Bundle,
    replay: &'a MembersReplay,
    reports: &'a CheckedChain,
    members: &'a CheckedChain,
    gates: Vec<GateCheck>,
    votes: Vec<VoteOutcome>,
    /// The checked ballots log of each vote, in `votes` order.
    ballots: Vec<CheckedChain>,
    last_members_commitment: u64,
    last_reports_commitment: u64,
    /// The release log's `finalized` or `withdrawn` event: `(seq, height)`.
    closed: Option<(u64, u64)>,
}

type ReleaseEvent = Event<ReleaseEventKind, ReleaseEventData>;

impl Walk<'_> {
    fn release_log(&mut self) -> Result<Trail, VerifyError> {
        let log = &self.bundle.release_log;
        let Some(first) = log.first() else {
            return Err(VerifyError::Log {
                log: LogId::Release,
                problem: Problem::NotProposedFirst,
            });
        };
        let ReleaseEventData::Proposed {
            version,
            source_uri,
            commit,
            notes_uri,
            ..
        } = &first.event.data
        else {
            return Err(release_event(0, Problem::NotProposedFirst));
        };
        self.require_role("proposer", &first.event, Role::CoreTeamRep)?;
        self.check_actor_key(&first.event)?;
        self.check_key_logged(&first.event)?;
        let mut trail = Trail {
            status: ReleaseStatus::Auditing,
            proposer: first.event.actor.clone(),
            version: version.clone(),
            source_uri: source_uri.clone(),
            commit: commit.clone(),
            notes_uri: notes_uri.clone(),
            proposed_at: first.event.time,
            proposal_id: None,
            decision: None,
            artifacts: Vec::new(),
            build: None,
            released_at: None,
            publications: Vec::new(),
            withdrawn_reason: None,
        };
        for entry in &log[1..] {
            self.event(&mut trail, &entry.event)?;
        }
        Ok(trail)
    }

    fn event(&mut self, trail: &mut Trail, event: &ReleaseEvent) -> Result<(), VerifyError> {
        use ReleaseStatus::*;
        let fail = |problem| release_event(event.seq, problem);
        let allowed = match event.kind {
            ReleaseEventKind::Proposed => false,
            ReleaseEventKind::VoteOpened => trail.status == Auditing,
            ReleaseEventKind::Decision => trail.status == Voting,
            ReleaseEventKind::Finalized => trail.status == Approved,
            ReleaseEventKind::Published => trail.status == Released,
            ReleaseEventKind::Withdrawn => trail.status.is_open(),
        };
        if !allowed {
            return Err(fail(Problem::UnexpectedEvent {
                event: json(&event.kind),
                status: json(&trail.status),
            }));
        }
        if event.kind != ReleaseEventKind::Published {
            self.check_actor_key(event)?;
        }
        let expect_proposal = |proposal_id: u64| match trail.proposal_id {
            Some(current) if current == proposal_id => Ok(()),
            current => Err(fail(Problem::ProposalMismatch {
                proposal_id,
                field: "the release's current proposal",
                found: proposal_id.to_string(),
                expected: current.map_or_else(|| "none".to_string(), |id| id.to_string()),
            })),
        };
        match &event.data {
            ReleaseEventData::VoteOpened {
                proposal_id,
                reports_log,
                members_log,
            } => {
                self.require_role("submit_for_vote", event, Role::CoreTeamRep)?;
                // council-vote gives each proposal id once, in increasing order
                if let Some(previous) = trail.proposal_id {
                    if *proposal_id <= previous {
                        return Err(fail(Problem::ProposalReused {
                            proposal_id: *proposal_id,
                            previous,
                        }));
                    }
                }
                self.gate_at(event, reports_log, members_log)?;
                let index = self.votes.len();
                let vote = self
                    .bundle
                    .votes
                    .get(index)
                    .ok_or(fail(Problem::MissingVote {
                        proposal_id: *proposal_id,
                    }))?;
                let opened = OpenedVote {
                    proposal_id: *proposal_id,
                    opened_height: event.height,
                    opened_at: event.time,
                };
                let (outcome, chain) = check_vote(self.bundle, self.replay, &opened, vote)?;
                self.votes.push(outcome);
                self.ballots.push(chain);
                trail.proposal_id = Some(*proposal_id);
                trail.status = Voting;
            }
            ReleaseEventData::Decision {
                proposal_id,
                passed,
                tally,
                ballots_log,
                rules,
            } => {
                expect_proposal(*proposal_id)?;
                if event.actor != self.bundle.contracts.council_vote {
                    return Err(fail(Problem::WrongActor {
                        what: "decision",
                        expected: self.bundle.contracts.council_vote.clone(),
                        found: event.actor.clone(),
                    }));
                }
                // Voting follows a vote_opened, which pushed its vote and chain.
                let (Some(vote), Some(chain)) = (self.votes.last_mut(), self.ballots.last()) else {
                    return Err(fail(Problem::MissingVote {
                        proposal_id: *proposal_id,
                    }));
                };
                // the committed rules decide: the outcome below was derived under the proposal
                // answer's rules, which must be these (and rules council-vote accepts)
                if let Some(rules) = rules {
                    if let Some((field, reason)) = rules.problem() {
                        return Err(fail(Problem::InvalidRules {
                            rules: crate::tally::rules_text(rules),
                            field: field.path(false),
                            reason,
                        }));
                    }
                    if *rules != vote.rules {
                        return Err(fail(Problem::RulesMismatch {
                            committed: crate::tally::rules_text(rules),
                            answered: crate::tally::rules_text(&vote.rules),
                        }));
                    }
                    vote.rules_committed = true;
                }
                chain.check_whole("decision", ballots_log).map_err(fail)?;
                chain
                    .check_in_block("decision", ballots_log.length, event.height)
                    .map_err(fail)?;
                if *tally != vote.tally {
                    return Err(fail(Problem::TallyMismatch {
                        recorded: crate::tally::tally_text(tally),
                        derived: crate::tally::tally_text(&vote.tally),
                    }));
                }
                if *passed != vote.outcome.passed() {
                    return Err(fail(Problem::OutcomeMismatch {
                        recorded: *passed,
                        derived: vote.outcome.passed(),
                    }));
                }
                // council-vote closes a vote once decided: at its deadline, or before when
                // its ballots settled it
                if event.time < vote.deadline && !vote.settled {
                    return Err(fail(Problem::DecidedTooEarly));
                }
                // the proposal answer shows the decision delivered
                let answer = &self.bundle.votes[self.ballots.len() - 1].proposal;
                let status = if *passed {
                    ProposalStatus::Passed
                } else {
                    ProposalStatus::Rejected
                };
                if answer.status != status || !answer.closed {
                    return Err(fail(Problem::ProposalMismatch {
                        proposal_id: *proposal_id,
                        field: "status",
                        found: format!("{} (closed: {})", json(&answer.status), answer.closed),
                        expected: format!("{} (closed: true)", json(&status)),
                    }));
                }
                vote.recorded = Some(*passed);
                trail.decision = Some(CouncilDecision {
                    proposal_id: *proposal_id,
                    passed: *passed,
                    tally: *tally,
                    rules: rules.clone(),
                    ballots_head: ballots_log.head.clone(),
                    ballots_count: ballots_log.length,
                });
                trail.status = if *passed { Approved } else { Auditing };
            }
            ReleaseEventData::Finalized {
                proposal_id,
                artifacts,
                build,
                reports_log,
                members_log,
            } => {
                expect_proposal(*proposal_id)?;
                self.gate_at(event, reports_log, members_log)?;
                let at_commitment = members_log.length;
                if self.replay.role_at(&event.actor, at_commitment) != Some(Role::CoreTeamRep) {
                    return Err(fail(Problem::RoleNotHeld {
                        what: "finalize",
                        addr: event.actor.clone(),
                        role: Role::CoreTeamRep.to_string(),
                        when: format!("after members event {at_commitment} (the committed state)"),
                    }));
                }
                if artifacts.is_empty() {
                    return Err(fail(Problem::ArtifactsNotDistinct {
                        digest: "none".to_string(),
                    }));
                }
                for (i, artifact) in artifacts.iter().enumerate() {
                    check_digest("artifact digest", &artifact.digest).map_err(fail)?;
                    if artifacts[..i].iter().any(|a| a.digest == artifact.digest) {
                        return Err(fail(Problem::ArtifactsNotDistinct {
                            digest: artifact.digest.clone(),
                        }));
                    }
                }
                if let Some(digest) = &build.provenance_digest {
                    check_digest("provenance_digest", digest).map_err(fail)?;
                }
                trail.artifacts = artifacts.clone();
                trail.build = Some(build.clone());
                trail.released_at = Some(event.time);
                trail.status = Released;
                self.closed = Some((event.seq, event.height));
            }
            ReleaseEventData::Published {
                channel,
                artifact_digest,
                listing_uri,
            } => {
                self.require_role("attest_publication", event, Role::CoreTeamRep)?;
                if !trail.artifacts.iter().any(|a| &a.digest == artifact_digest) {
                    return Err(fail(Problem::NotAnArtifact {
                        what: "publication",
                        digest: artifact_digest.clone(),
                    }));
                }
                let key = event
                    .pubkey
                    .as_ref()
                    .ok_or(fail(Problem::KeyNotRegistered {
                        what: "publication",
                        addr: event.actor.clone(),
                        found: "none".to_string(),
                        registered: self
                            .replay
                            .key_at(&event.actor, self.replay.at_block_end(event.height))
                            .map_or_else(|| "none".to_string(), |k| k.to_base64()),
                    }))?;
                check_key_of(&event.actor, key).map_err(fail)?;
                check_registered_key("publication", self.replay, &event.actor, key, event.height)
                    .map_err(fail)?;
                trail.publications.push(Publication {
                    channel: channel.clone(),
                    artifact_digest: artifact_digest.clone(),
                    listing_uri: listing_uri.clone(),
                    publisher: event.actor.clone(),
                    time: event.time,
                });
            }
            ReleaseEventData::Withdrawn { reason } => {
                self.require_role("withdraw", event, Role::CoreTeamRep)?;
                trail.withdrawn_reason = Some(reason.clone());
                trail.status = Withdrawn;
                self.closed = Some((event.seq, event.height));
            }
            // Refused above (`allowed` is false); kinds match their data.
            ReleaseEventData::Proposed { .. } => {}
        }
        // after the role checks, so that an act by the wrong sender is named as such
        self.check_key_logged(event)
    }

    /// An event without a key is of a sender that had registered none before its block.
    fn check_key_logged(&self, event: &ReleaseEvent) -> Result<(), VerifyError> {
        check_key_logged(
            "actor key",
            self.replay,
            &event.actor,
            event.pubkey.as_ref(),
            event.height,
        )
        .map_err(|problem| release_event(event.seq, problem))
    }

    /// The actor held `role` during the event's block (acts of one block are not ordered
    /// across contracts, see `MembersReplay::held_during_block`).
    fn require_role(
        &self,
        what: &'static str,
        event: &ReleaseEvent,
        role: Role,
    ) -> Result<(), VerifyError> {
        if self
            .replay
            .held_during_block(&event.actor, role, event.height)
        {
            Ok(())
        } else {
            Err(release_event(
                event.seq,
                Problem::RoleNotHeld {
                    what,
                    addr: event.actor.clone(),
                    role: role.to_string(),
                    when: format!("in block {}", event.height),
                },
            ))
        }
    }

    /// The release contract logs the actor's registered key with each event, if it has one.
    fn check_actor_key(&self, event: &ReleaseEvent) -> Result<(), VerifyError> {
        match &event.pubkey {
            Some(key) => {
                check_registered_key("actor key", self.replay, &event.actor, key, event.height)
                    .map_err(|problem| release_event(event.seq, problem))
            }
            None => Ok(()),
        }
    }

    /// Checks an event's commitments to the reports and members logs, and that the audit
    /// gate held in the state they fix.
    fn gate_at(
        &mut self,
        event: &ReleaseEvent,
        reports_log: &LogHead,
        members_log: &LogHead,
    ) -> Result<(), VerifyError> {
        let fail = |problem| release_event(event.seq, problem);
        let what = match event.kind {
            ReleaseEventKind::VoteOpened => "vote_opened",
            _ => "finalized",
        };
        self.reports
            .check_commitment(what, reports_log)
            .map_err(fail)?;
        self.members
            .check_commitment(what, members_log)
            .map_err(fail)?;
        self.reports
            .check_in_block(what, reports_log.length, event.height)
            .map_err(fail)?;
        self.members
            .check_in_block(what, members_log.length, event.height)
            .map_err(fail)?;
        self.last_members_commitment = self.last_members_commitment.max(members_log.length);
        self.last_reports_commitment = self.last_reports_commitment.max(reports_log.length);
        let gate = audit_gate(
            &self.bundle.reports_log,
            reports_log.length,
            self.replay,
            members_log.length,
        );
        if !gate.passed {
            return Err(fail(gate.failure(what)));
        }
        self.gates.push(GateCheck {
            seq: event.seq,
            kind: event.kind,
            reports_log: reports_log.clone(),
            members_log: members_log.clone(),
            gate,
        });
        Ok(())
    }
}

fn release_event(seq: u64, problem: Problem) -> VerifyError {
    VerifyError::Event {
        log: LogId::Release,
        seq,
        problem,
    }
}

/// All logs read one chain's clock: the events of a block share its time, and a later
/// block never has an earlier time. (Each log keeps its own order; this ties them together,
/// so that, say, a ballot cannot carry a time from before the block that opened its vote.)
fn check_block_clock(bundle: &Bundle) -> Result<(), VerifyError> {
    fn events<'a, K, D>(
        log: LogId,
        entries: &'a [berty_hashlog::LogEntry<K, D>],
    ) -> impl Iterator<Item = (LogId, u64, u64, Timestamp)> + 'a {
        entries
            .iter()
            .map(move |e| (log, e.event.seq, e.event.height, e.event.time))
    }
    let ballots = bundle.votes.iter().flat_map(|vote| {
        events(
            LogId::Ballots {
                proposal_id: vote.proposal.id,
            },
            &vote.ballots_log,
        )
    });
    let all = events(LogId::Members, &bundle.members_log)
        .chain(events(LogId::Reports, &bundle.reports_log))
        .chain(events(LogId::Release, &bundle.release_log))
        .chain(ballots);
    // the first event seen of each block
    let mut blocks: BTreeMap<u64, (Timestamp, LogId, u64)> = BTreeMap::new();
    let clash = |log, seq, height, time, other: &(Timestamp, LogId, u64), other_height| {
        VerifyError::Event {
            log,
            seq,
            problem: Problem::BlockClock {
                height,
                time,
                other: format!("{}, seq {}", other.1, other.2),
                other_height,
                other_time: other.0,
            },
        }
    };
    for (log, seq, height, time) in all {
        match blocks.get(&height) {
            Some(first) if first.0 != time => {
                return Err(clash(log, seq, height, time, first, height));
            }
            Some(_) => {}
            None => {
                blocks.insert(height, (time, log, seq));
            }
        }
    }
    let mut previous: Option<(u64, &(Timestamp, LogId, u64))> = None;
    for (height, block) in &blocks {
        if let Some((earlier_height, earlier)) = previous {
            if block.0 < earlier.0 {
                return Err(clash(
                    block.1,
                    block.2,
                    *height,
                    block.0,
                    earlier,
                    earlier_height,
                ));
            }
        }
        previous = Some((*height, block));
    }
    Ok(())
}

/// The release answer must say what the trail says.
fn check_answer(bundle: &Bundle, trail: &Trail) -> Result<(), VerifyError> {
    fn same<T: PartialEq + serde::Serialize>(
        field: &'static str,
        found: &T,
        expected: &T,
    ) -> Result<(), VerifyError> {
        if found == expected {
            return Ok(());
        }
        Err(VerifyError::AnswerMismatch {
            answer: "release",
            field,
            found: json(found),
            expected: json(expected),
        })
    }
    let answer = &bundle.release;
    same("release_id", &answer.release_id, &bundle.release_id)?;
    same("version", &answer.version, &trail.version)?;
    same("status", &answer.status, &trail.status)?;
    same("proposer", &answer.proposer, &trail.proposer)?;
    same("source_uri", &answer.source_uri, &trail.source_uri)?;
    same("commit", &answer.commit, &trail.commit)?;
    same("notes_uri", &answer.notes_uri, &trail.notes_uri)?;
    same("proposed_at", &answer.proposed_at, &trail.proposed_at)?;
    same("proposal_id", &answer.proposal_id, &trail.proposal_id)?;
    same("decision", &answer.decision, &trail.decision)?;
    same("artifacts", &answer.artifacts, &trail.artifacts)?;
    same("build", &answer.build, &trail.build)?;
    same("released_at", &answer.released_at, &trail.released_at)?;
    // The answer may list publications in its own order (by channel, say).
    let by_channel = |list: &[Publication]| {
        let mut sorted = list.to_vec();
        sorted.sort_by(|a, b| {
            (&a.channel, &a.artifact_digest, a.time).cmp(&(&b.channel, &b.artifact_digest, b.time))
        });
        sorted
    };
    same(
        "publications",
        &by_channel(&answer.publications),
        &by_channel(&trail.publications),
    )?;
    same(
        "withdrawn_reason",
        &answer.withdrawn_reason,
        &trail.withdrawn_reason,
    )
}

/// Each file's sha256 must be a finalized artifact's digest.
fn match_artifacts(
    finalized: &[Artifact],
    files: &[ArtifactFile],
) -> Result<Vec<MatchedArtifact>, VerifyError> {
    files
        .iter()
        .map(|file| {
            let digest = hex::encode(sha256(&file.bytes));
            finalized
                .iter()
                .find(|a| a.digest == digest)
                .map(|a| MatchedArtifact {
                    file: file.name.clone(),
                    artifact: a.name.clone(),
                    digest: digest.clone(),
                })
                .ok_or(VerifyError::UnknownArtifact {
                    file: file.name.clone(),
                    digest,
                })
        })
        .collect()
}
