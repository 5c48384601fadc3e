//! Typed queries; lists are bounded pages.

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
use berty_trail::LogHead;
use cosmwasm_std::{Addr, Deps, Env, Order, StdResult};
use cw_storage_plus::Bound;

use crate::error::ContractError;
use crate::state::{
    status_code, Ballot, Proposal, BALLOTS, BALLOTS_LOG, CONFIG, FIRST_PROPOSAL_AT,
    GOVERNANCE_RULES, NEXT_PROPOSAL_ID, PARTICIPATION, PROPOSAL_TEXTS, RULES, STATUS_INDEX,
};
use crate::status;

/// A status-filtered page looks at most this many stored-open proposals (those past their
/// deadline are decided, but stored open until closed or executed).
pub const MAX_OPEN_SCAN: usize = 300;

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
    let (status, rejection) = status::current(&proposal, env.block.time);
    Ok(ProposalResponse {
        id,
        kind: proposal.kind,
        status,
        proposer: text.proposer,
        release_id: text.release_id,
        title: text.title,
        description: text.description,
        msgs: text.msgs,
        snapshot_height: proposal.snapshot_height,
        opened_at: text.opened_at,
        deadline: proposal.deadline,
        rules: proposal.rules,
        tally: proposal.tally,
        rejection,
        closed: proposal.closed,
        ballots_log: BALLOTS_LOG.head(deps.storage, env, &id.to_string())?,
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

/// Ids stored with `stored` status, newest first, below `start_after`.
fn indexed<'a>(
    deps: Deps<'a>,
    stored: ProposalStatus,
    start_after: Option<u64>,
    take: usize,
) -> impl Iterator<Item = StdResult<u64>> + 'a {
    STATUS_INDEX
        .prefix(status_code(stored))
        .keys(
            deps.storage,
            None,
            start_after.map(Bound::exclusive),
            Order::Descending,
        )
        .take(take)
}

/// Newest first. Decided statuses are stored exactly; a stored-open proposal past its
/// deadline shows its deadline decision, so it is looked up under both.
pub fn proposals(
    deps: Deps,
    env: &Env,
    status: Option<ProposalStatus>,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<ProposalsResponse, ContractError> {
    let limit = page_limit(limit);
    let mut found: Vec<(u64, Proposal)> = vec![];
    match status {
        None => {
            for id in Proposal::ids_descending(deps.storage, start_after).take(limit) {
                let id = id?;
                found.push((id, status::load(deps.storage, id)?));
            }
        }
        Some(wanted) => {
            if wanted != ProposalStatus::Open {
                for id in indexed(deps, wanted, start_after, limit) {
                    let id = id?;
                    found.push((id, status::load(deps.storage, id)?));
                }
            }
            if wanted != ProposalStatus::Executed {
                let mut matched = 0;
                for id in indexed(deps, ProposalStatus::Open, start_after, MAX_OPEN_SCAN) {
                    let id = id?;
                    let proposal = status::load(deps.storage, id)?;
                    if status::current(&proposal, env.block.time).0 == wanted {
                        found.push((id, proposal));
                        matched += 1;
                        if matched == limit {
                            break;
                        }
                    }
                }
            }
            found.sort_by_key(|(id, _)| std::cmp::Reverse(*id));
            found.truncate(limit);
        }
    }
    let proposals = found
        .into_iter()
        .map(|(id, proposal)| answer(deps, env, id, proposal))
        .collect::<StdResult<_>>()?;
    Ok(ProposalsResponse { proposals })
}

fn ballot_answer(proposal_id: u64, voter: Addr, ballot: Ballot) -> BallotResponse {
    BallotResponse {
        proposal_id,
        voter,
        college: ballot.college,
        vote: ballot.vote,
        rationale: ballot.rationale,
        signature: ballot.signature,
        pubkey: ballot.pubkey,
        height: ballot.height,
    }
}

pub fn ballot(
    deps: Deps,
    proposal_id: u64,
    voter: String,
) -> Result<BallotResponse, ContractError> {
    let voter = validate_addr(deps.api, &voter)?;
    status::load(deps.storage, proposal_id)?;
    let ballot = BALLOTS
        .may_load(deps.storage, (proposal_id, &voter))?
        .ok_or_else(|| ContractError::BallotNotFound {
            proposal_id,
            voter: voter.clone(),
        })?;
    Ok(ballot_answer(proposal_id, voter, ballot))
}

pub fn ballots(
    deps: Deps,
    proposal_id: u64,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<BallotsResponse, ContractError> {
    status::load(deps.storage, proposal_id)?;
    let start = start_after
        .map(|addr| validate_addr(deps.api, &addr))
        .transpose()?;
    let ballots = BALLOTS
        .prefix(proposal_id)
        .range(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|item| item.map(|(voter, ballot)| ballot_answer(proposal_id, voter, ballot)))
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
    status::load(deps.storage, proposal_id)?;
    Ok(BALLOTS_LOG.head(deps.storage, env, &proposal_id.to_string())?)
}

/// The current council members (a page of membership's list), each with the proposals
/// opened since it took its seat and how many of them it voted on.
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
            limit: Some(page_limit(limit) as u32),
        },
    )?;
    let next_id = NEXT_PROPOSAL_ID.may_load(deps.storage)?.unwrap_or(1);
    let mut members = Vec::with_capacity(page.members.len());
    for member in page.members {
        let Some(record) = reader.record(&deps.querier, &member.addr)? else {
            continue;
        };
        let Some(college) = record.role.college() else {
            continue;
        };
        let first_proposal = FIRST_PROPOSAL_AT
            .range(
                deps.storage,
                Some(Bound::exclusive(record.since)),
                None,
                Order::Ascending,
            )
            .next()
            .transpose()?
            .map(|(_, id)| id);
        let voted = PARTICIPATION
            .may_load(deps.storage, &member.addr)?
            .map_or(0, |p| p.voted_in_seat(record.since));
        members.push(MemberParticipation {
            addr: member.addr,
            college,
            voted,
            window: first_proposal.map_or(0, |first| next_id.saturating_sub(first)),
            first_proposal,
        });
    }
    Ok(MemberParticipationResponse { members })
}
