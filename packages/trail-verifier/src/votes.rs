//! One council vote re-derived from its ballots log and the members log: each ballot's
//! eligibility at the proposal's snapshot, its key and signature, the tally with the
//! eligible counts of the snapshot, and the decision under the proposal's rules.

use std::collections::BTreeMap;

use berty_hashlog::{sha256, LogHead};
use berty_interface::council_vote::{
    BallotEventData, BallotResponse, ProposalKind, ProposalStatus, Rules, Tally, Vote,
};
use berty_interface::signing::BallotSigningPayload;
use berty_interface::{College, Role};
use cosmwasm_std::{to_json_string, Addr, Timestamp};

use crate::bundle::{Bundle, VoteBundle};
use crate::chain::{check_chain, CheckedChain, LogOrigin};
use crate::error::{LogId, Problem, VerifyError};
use crate::keys::{check_digest, check_signed};
use crate::members::MembersReplay;
use crate::reports::{check_key_logged, check_registered_key};
use crate::tally::{decide, settled, tally_text, Outcome};

/// A counted ballot: the voter's newest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountedBallot {
    pub voter: Addr,
    pub college: College,
    pub vote: Vote,
    pub seq: u64,
    pub signed: bool,
}

/// A vote as the verifier re-derived it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoteOutcome {
    pub proposal_id: u64,
    pub snapshot_height: u64,
    pub ballots_log: LogHead,
    /// Counted ballots, in log order.
    pub ballots: Vec<CountedBallot>,
    pub tally: Tally,
    pub outcome: Outcome,
    /// The rules the outcome was derived under: the proposal answer's, which a recorded
    /// decision must commit to (`rules_committed`).
    pub rules: Rules,
    pub rules_committed: bool,
    /// The decision the release log recorded, if any yet.
    pub recorded: Option<bool>,
    pub deadline: Timestamp,
    /// Decided by its ballots before the deadline (no remaining ballot could change it).
    pub settled: bool,
    /// Signatures verified; superseded signed ballots whose rationale is no longer known
    /// cannot be checked and are counted in `unverifiable_signatures`.
    pub signatures_checked: usize,
    pub unverifiable_signatures: usize,
}

/// `proposal_id`, as the release log opened it in block `opened_height` at `opened_at`.
pub struct OpenedVote {
    pub proposal_id: u64,
    pub opened_height: u64,
    pub opened_at: Timestamp,
}

fn count(tally: &mut Tally, college: College, vote: Vote) -> &mut u64 {
    let counts = tally.college_mut(college);
    match vote {
        Vote::Yes => &mut counts.yes,
        Vote::No => &mut counts.no,
        Vote::Abstain => &mut counts.abstain,
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    to_json_string(value).unwrap_or_default()
}

/// Checks one vote's answers against the release log's `vote_opened` and its ballots log,
/// and re-derives its tally and decision.
pub fn check_vote(
    bundle: &Bundle,
    replay: &MembersReplay,
    opened: &OpenedVote,
    vote: &VoteBundle,
) -> Result<(VoteOutcome, CheckedChain), VerifyError> {
    let id = opened.proposal_id;
    let log = LogId::Ballots { proposal_id: id };
    let proposal = &vote.proposal;
    let vote_err = |problem| VerifyError::Vote {
        proposal_id: id,
        problem,
    };
    let mismatch = |field, found: String, expected: String| {
        vote_err(Problem::ProposalMismatch {
            proposal_id: proposal.id,
            field,
            found,
            expected,
        })
    };
    if proposal.id != id {
        return Err(mismatch("id", proposal.id.to_string(), id.to_string()));
    }
    if proposal.kind != ProposalKind::Release {
        return Err(mismatch(
            "kind",
            json(&proposal.kind),
            json(&ProposalKind::Release),
        ));
    }
    // a release vote is opened by the release contract (`open_release_vote`, peer only)
    if proposal.proposer != bundle.contracts.release {
        return Err(mismatch(
            "proposer",
            proposal.proposer.to_string(),
            bundle.contracts.release.to_string(),
        ));
    }
    if proposal.release_id.as_deref() != Some(bundle.release_id.as_str()) {
        return Err(mismatch(
            "release_id",
            json(&proposal.release_id),
            bundle.release_id.clone(),
        ));
    }
    if proposal.snapshot_height != opened.opened_height {
        return Err(mismatch(
            "snapshot_height",
            proposal.snapshot_height.to_string(),
            opened.opened_height.to_string(),
        ));
    }
    // The deadline bounds the ballots: it is the opening time plus the voting period.
    if proposal.opened_at != opened.opened_at {
        return Err(mismatch(
            "opened_at",
            json(&proposal.opened_at),
            json(&opened.opened_at),
        ));
    }
    // Checked: a hostile period must not overflow (Timestamp::plus_seconds panics).
    let deadline = proposal
        .rules
        .voting_period
        .checked_mul(1_000_000_000)
        .and_then(|period| proposal.opened_at.nanos().checked_add(period))
        .map(Timestamp::from_nanos);
    if deadline != Some(proposal.deadline) {
        return Err(mismatch(
            "deadline",
            json(&proposal.deadline),
            deadline.map_or_else(|| "past the end of time".to_string(), |d| json(&d)),
        ));
    }
    let deadline = proposal.deadline;

    let key = id.to_string();
    let chain = check_chain(
        &LogOrigin {
            log,
            domain: "ballots",
            chain_id: &bundle.chain_id,
            contract: &bundle.contracts.council_vote,
            key: &key,
        },
        &vote.ballots_log,
        |_| true,
    )?;

    // Eligibility: council members of the college at the start of the opening block.
    let snapshot = replay.at_block_start(proposal.snapshot_height);
    let mut tally = Tally::default();
    for college in College::ALL {
        tally.college_mut(college).eligible =
            replay.holders(Role::Council { college }, snapshot).len() as u64;
    }
    // The tally as ballots come in (each voter's newest), to know when the vote settled.
    let mut running = tally;
    let mut newest: BTreeMap<&Addr, (u64, &BallotEventData, u64)> = BTreeMap::new();
    for entry in &vote.ballots_log {
        let event = &entry.event;
        let fail = |problem| VerifyError::Event {
            log,
            seq: event.seq,
            problem,
        };
        let ballot = &event.data;
        if event.actor != ballot.voter {
            return Err(fail(Problem::WrongActor {
                what: "ballot",
                expected: ballot.voter.clone(),
                found: event.actor.clone(),
            }));
        }
        let role = Role::Council {
            college: ballot.college,
        };
        if replay.role_at(&ballot.voter, snapshot) != Some(role) {
            return Err(fail(Problem::RoleNotHeld {
                what: "ballot",
                addr: ballot.voter.clone(),
                role: role.to_string(),
                when: format!(
                    "at the proposal's snapshot (start of block {})",
                    proposal.snapshot_height
                ),
            }));
        }
        if event.height < proposal.snapshot_height {
            return Err(fail(Problem::BallotOutsideVote {
                voter: ballot.voter.clone(),
                when: "before",
            }));
        }
        if event.time >= proposal.deadline {
            return Err(fail(Problem::BallotOutsideVote {
                voter: ballot.voter.clone(),
                when: "after",
            }));
        }
        if let Some(digest) = &ballot.rationale_digest {
            check_digest("rationale_digest", digest).map_err(fail)?;
        }
        if let Some(key) = &event.pubkey {
            check_registered_key("ballot", replay, &ballot.voter, key, event.height)
                .map_err(fail)?;
        }
        if ballot.signature.is_some() && event.pubkey.is_none() {
            return Err(fail(Problem::SignatureWithoutKey { what: "ballot" }));
        }
        check_key_logged(
            "ballot",
            replay,
            &ballot.voter,
            event.pubkey.as_ref(),
            event.height,
        )
        .map_err(fail)?;
        // The contract decides after a ballot that settles the vote, and refuses any after.
        if !newest.is_empty() && settled(&proposal.rules, &running) {
            return Err(fail(Problem::BallotAfterDecided {
                voter: ballot.voter.clone(),
            }));
        }
        let previous = newest.insert(&ballot.voter, (event.seq, ballot, event.height));
        if let Some((_, old, _)) = previous {
            if !proposal.rules.allow_revoting {
                return Err(fail(Problem::DoubleVote {
                    voter: ballot.voter.clone(),
                }));
            }
            *count(&mut running, old.college, old.vote) -= 1;
        }
        *count(&mut running, ballot.college, ballot.vote) += 1;
    }
    let settled_by_ballots = !newest.is_empty() && settled(&proposal.rules, &running);

    // The ballot answers carry the newest ballot of each voter, with its rationale text.
    let answers: BTreeMap<&Addr, &BallotResponse> =
        vote.ballots.iter().map(|b| (&b.voter, b)).collect();
    if answers.len() != vote.ballots.len() || answers.len() != newest.len() {
        return Err(vote_err(Problem::ProposalMismatch {
            proposal_id: id,
            field: "number of ballots",
            found: vote.ballots.len().to_string(),
            expected: newest.len().to_string(),
        }));
    }
    let mut signatures_checked = 0;
    let mut ballots = Vec::with_capacity(newest.len());
    // In log order, so the first failure named is the earliest.
    let mut counted: Vec<_> = newest.iter().collect();
    counted.sort_by_key(|(_, (seq, _, _))| *seq);
    for (voter, (seq, ballot, height)) in counted {
        let fail = |problem| VerifyError::Event {
            log,
            seq: *seq,
            problem,
        };
        let differs = |field| {
            fail(Problem::BallotAnswerMismatch {
                voter: (*voter).clone(),
                field,
            })
        };
        let answer = answers.get(voter).ok_or_else(|| differs("voter"))?;
        let entry = &vote.ballots_log[usize::try_from(*seq).unwrap_or(usize::MAX)];
        if answer.proposal_id != id {
            return Err(differs("proposal_id"));
        }
        if answer.college != ballot.college {
            return Err(differs("college"));
        }
        if answer.vote != ballot.vote {
            return Err(differs("vote"));
        }
        if answer.signature != ballot.signature {
            return Err(differs("signature"));
        }
        if answer.pubkey != entry.event.pubkey {
            return Err(differs("pubkey"));
        }
        if answer.height != *height {
            return Err(differs("height"));
        }
        let rationale_digest = answer
            .rationale
            .as_ref()
            .map(|text| hex::encode(sha256(text.as_bytes())));
        if rationale_digest != ballot.rationale_digest {
            return Err(fail(Problem::RationaleMismatch {
                voter: (*voter).clone(),
            }));
        }
        if let (Some(signature), Some(key)) = (&ballot.signature, &entry.event.pubkey) {
            let payload = BallotSigningPayload {
                chain_id: bundle.chain_id.clone(),
                contract: bundle.contracts.council_vote.to_string(),
                proposal_id: id,
                vote: ballot.vote,
                rationale: answer.rationale.clone(),
            };
            check_signed("ballot", &payload, signature, key).map_err(fail)?;
            signatures_checked += 1;
        }
        *count(&mut tally, ballot.college, ballot.vote) += 1;
        ballots.push(CountedBallot {
            voter: (*voter).clone(),
            college: ballot.college,
            vote: ballot.vote,
            seq: *seq,
            signed: ballot.signature.is_some(),
        });
    }
    // Superseded signed ballots: their rationale text is gone (only its digest is logged),
    // unless they had none.
    let unverifiable_signatures = vote
        .ballots_log
        .iter()
        .filter(|e| e.event.data.signature.is_some())
        .filter(|e| newest.get(&e.event.data.voter).map(|n| n.0) != Some(e.event.seq))
        .count();

    let outcome = decide(&proposal.rules, &tally);
    // The answer's view, when it shows a decision, must be the re-derived one.
    if proposal.tally != tally {
        return Err(vote_err(Problem::TallyMismatch {
            recorded: tally_text(&proposal.tally),
            derived: tally_text(&tally),
        }));
    }
    let decided = match proposal.status {
        ProposalStatus::Passed => Some(true),
        ProposalStatus::Rejected => Some(false),
        ProposalStatus::Open => None,
        ProposalStatus::Executed | ProposalStatus::Expired => {
            return Err(mismatch(
                "status",
                json(&proposal.status),
                "a release vote (never executed nor expired)".to_string(),
            ))
        }
    };
    if let Some(passed) = decided {
        if passed != outcome.passed() || proposal.rejection != outcome.rejection {
            return Err(vote_err(Problem::OutcomeMismatch {
                recorded: passed,
                derived: outcome.passed(),
            }));
        }
    }
    if proposal.ballots_log != chain.head() {
        return Err(mismatch(
            "ballots_log",
            json(&proposal.ballots_log),
            json(&chain.head()),
        ));
    }

    Ok((
        VoteOutcome {
            proposal_id: id,
            snapshot_height: proposal.snapshot_height,
            ballots_log: chain.head(),
            ballots,
            tally,
            outcome,
            rules: proposal.rules.clone(),
            rules_committed: false,
            recorded: None,
            deadline,
            settled: settled_by_ballots,
            signatures_checked,
            unverifiable_signatures,
        },
        chain,
    ))
}
