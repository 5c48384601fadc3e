//! Typed queries; lists are bounded pages.

use berty_hashlog::LogHead;
use berty_interface::council_vote::{
    BallotLogResponse, BallotResponse, BallotsResponse, ConfigResponse, MemberParticipation,
    MemberParticipationResponse, ProposalResponse, ProposalStatus, ProposalsResponse,
    RulesResponse,
};
use berty_interface::keys::MembershipReader;
use berty_interface::membership::{MembersResponse, QueryMsg as MembershipQuery};
use berty_interface::paginate::page_limit;
use berty_interface::validate::validate_addr;
use berty_interface::{RoleFilter, RoleKind};
use cosmwasm_std::{Addr, Deps, Env, StdError, StdResult};

use crate::ballot::{ballots_page, load_ballot, Ballot};
use crate::error::ContractError;
use crate::lists;
use crate::proposal::Proposal;
use crate::state::{
    BALLOTS_LOG, CONFIG, GOVERNANCE_RULES, NEXT_PROPOSAL_ID, PROPOSAL_TEXTS, RATIONALES, RULES,
};
use crate::status;

/// `member_participation` looks at the last this many proposals.
pub const PARTICIPATION_WINDOW: u64 = 10;

/// `member_participation` lists at most this many members a page (each costs a raw read
/// and up to `PARTICIPATION_WINDOW` ballot reads).
pub const MAX_PARTICIPATION_PAGE: usize = 30;

pub fn rules(deps: Deps) -> StdResult<RulesResponse> {
    Ok(RulesResponse {
        rules: RULES.load(deps.storage)?,
        governance_rules: GOVERNANCE_RULES.load(deps.storage)?,
    })
}

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let config = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        membership: config.membership,
        release: config.release,
    })
}

fn answer(deps: Deps, env: &Env, id: u64, proposal: Proposal) -> StdResult<ProposalResponse> {
    let text = PROPOSAL_TEXTS.load(deps.storage, id)?;
    let current = status::current(&proposal, env.block.time);
    Ok(ProposalResponse {
        id,
        kind: proposal.kind,
        status: current.status,
        decided_at: current.decided_at,
        execution_deadline: current.execution_deadline(&proposal),
        proposer: text.proposer,
        release_id: text.release_id,
        title: text.title,
        description: text.description,
        msgs: text.msgs,
        snapshot_height: proposal.snapshot_height,
        opened_at: text.opened_at,
        deadline: proposal.deadline,
        ballots_log: proposal.ballots_log_head(env, id),
        rules: proposal.rules,
        tally: proposal.tally,
        rejection: current.rejection,
        closed: proposal.closed,
    })
}

pub fn proposal(
    deps: Deps,
    env: &Env,
    proposal_id: u64,
) -> Result<ProposalResponse, ContractError> {
    let proposal = status::load(deps.storage, proposal_id)?;
    Ok(answer(deps, env, proposal_id, proposal)?)
}

/// Without a status: newest first. With one: every proposal with that status now, the
/// most recently entered first, from the status lists (`lists.rs`): no gap, and no read of a
/// proposal it does not answer. `start_after` may name any id, known or not.
pub fn proposals(
    deps: Deps,
    env: &Env,
    status: Option<ProposalStatus>,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<ProposalsResponse, ContractError> {
    let limit = page_limit(limit);
    let ids: Vec<u64> = match status {
        None => Proposal::ids_descending(deps.storage, start_after)
            .take(limit)
            .collect::<StdResult<_>>()?,
        Some(wanted) => match start_after {
            None => lists::page(deps.storage, wanted, env.block.time, None, limit)?,
            Some(id) => match Proposal::may_load(deps.storage, id)? {
                // where it sits (or would sit) in the list of `wanted`, whatever its status
                Some(proposal) => {
                    let after = (lists::entered(&proposal, wanted), id);
                    lists::page(deps.storage, wanted, env.block.time, Some(after), limit)?
                }
                // a cursor never errs. Ids are handed out in order and proposals stay, so an
                // unknown id is past the last one (it would be the newest: the page starts
                // from the top, as without `status`) or 0 (older than all: nothing follows)
                None if id >= NEXT_PROPOSAL_ID.may_load(deps.storage)?.unwrap_or(1) => {
                    lists::page(deps.storage, wanted, env.block.time, None, limit)?
                }
                None => vec![],
            },
        },
    };
    let proposals = ids
        .into_iter()
        .map(|id| answer(deps, env, id, status::load(deps.storage, id)?).map_err(Into::into))
        .collect::<Result<_, ContractError>>()?;
    Ok(ProposalsResponse { proposals })
}

/// The ballot record holds what the tally needs and the seq of its log event; the key,
/// signature and height come from that event, the rationale from its own entry.
fn ballot_answer(
    deps: Deps,
    env: &Env,
    proposal_id: u64,
    voter: Addr,
    ballot: Ballot,
) -> StdResult<BallotResponse> {
    let event = BALLOTS_LOG
        .entry(deps.storage, env, &proposal_id.to_string(), ballot.seq)?
        .ok_or_else(|| StdError::msg(format!("no ballots log event {}", ballot.seq)))?
        .event;
    let rationale = if ballot.has_rationale {
        Some(RATIONALES.load(deps.storage, (proposal_id, &voter))?)
    } else {
        None
    };
    Ok(BallotResponse {
        proposal_id,
        voter,
        college: ballot.college,
        vote: ballot.vote,
        rationale,
        signature: event.data.signature,
        pubkey: event.pubkey,
        height: event.height,
    })
}

pub fn ballot(
    deps: Deps,
    env: &Env,
    proposal_id: u64,
    voter: String,
) -> Result<BallotResponse, ContractError> {
    let voter = validate_addr(deps.api, &voter)?;
    status::load(deps.storage, proposal_id)?;
    let ballot = load_ballot(deps.storage, proposal_id, &voter)?.ok_or_else(|| {
        ContractError::BallotNotFound {
            proposal_id,
            voter: voter.clone(),
        }
    })?;
    Ok(ballot_answer(deps, env, proposal_id, voter, ballot)?)
}

pub fn ballots(
    deps: Deps,
    env: &Env,
    proposal_id: u64,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<BallotsResponse, ContractError> {
    status::load(deps.storage, proposal_id)?;
    let start = start_after
        .map(|addr| validate_addr(deps.api, &addr))
        .transpose()?;
    let ballots = ballots_page(deps.storage, proposal_id, start.as_ref(), page_limit(limit))?
        .into_iter()
        .map(|(voter, ballot)| ballot_answer(deps, env, proposal_id, voter, ballot))
        .collect::<StdResult<_>>()?;
    Ok(BallotsResponse { ballots })
}

pub fn ballot_log(
    deps: Deps,
    env: &Env,
    proposal_id: u64,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<BallotLogResponse, ContractError> {
    status::load(deps.storage, proposal_id)?;
    Ok(BALLOTS_LOG.page(
        deps.storage,
        env,
        &proposal_id.to_string(),
        start_after,
        page_limit(limit),
    )?)
}

pub fn ballot_log_head(deps: Deps, env: &Env, proposal_id: u64) -> Result<LogHead, ContractError> {
    Ok(status::load(deps.storage, proposal_id)?.ballots_log_head(env, proposal_id))
}

/// The current council members (a page of membership's list, at most
/// `MAX_PARTICIPATION_PAGE`), each with how many of the last `PARTICIPATION_WINDOW`
/// proposals it could vote on in its current seat (snapshot after the seat's block) and
/// how many of those it voted on. Counted here, from the ballot records: ballots write
/// nothing for it. Bounded: the window's terms, then per member one raw read and at most
/// one ballot read per proposal of the window.
pub fn member_participation(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<MemberParticipationResponse, ContractError> {
    let reader = MembershipReader(CONFIG.load(deps.storage)?.membership);
    let page: MembersResponse = deps.querier.query_wasm_smart(
        &reader.0,
        &MembershipQuery::Members {
            role: Some(RoleFilter::Kind(RoleKind::Council)),
            college: None,
            start_after,
            limit: Some(page_limit(limit).min(MAX_PARTICIPATION_PAGE) as u32),
        },
    )?;
    let next_id = NEXT_PROPOSAL_ID.may_load(deps.storage)?.unwrap_or(1);
    // (id, snapshot height) of the last proposals, oldest first
    let mut recent = vec![];
    for id in next_id.saturating_sub(PARTICIPATION_WINDOW).max(1)..next_id {
        if let Some(snapshot) = Proposal::snapshot_of(deps.storage, id)? {
            recent.push((id, snapshot));
        }
    }
    let mut members = Vec::with_capacity(page.members.len());
    for member in page.members {
        let Some(record) = reader.record(&deps.querier, &member.addr)? else {
            continue;
        };
        let Some(college) = record.role.college() else {
            continue;
        };
        let mut participation = MemberParticipation {
            addr: member.addr,
            college,
            voted: 0,
            window: 0,
            first_proposal: None,
        };
        for (id, _) in recent
            .iter()
            .filter(|(_, snapshot)| record.since < *snapshot)
        {
            let id = *id;
            participation.first_proposal.get_or_insert(id);
            participation.window += 1;
            if load_ballot(deps.storage, id, &participation.addr)?.is_some() {
                participation.voted += 1;
            }
        }
        members.push(participation);
    }
    Ok(MemberParticipationResponse { members })
}
