//! What only a passed proposal may change: the rules and the peers' addresses. The
//! proposal's messages run as this contract, so the sender is the contract itself.

use berty_interface::council_vote::{UpdateCouncilConfigMsg, UpdateRulesMsg};
use berty_interface::validate::validate_addr;
use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};

use crate::error::ContractError;
use crate::rules::validate_pair;
use crate::state::{CONFIG, GOVERNANCE_RULES, RULES};

fn assert_governance(env: &Env, info: &MessageInfo) -> Result<(), ContractError> {
    if info.sender != env.contract.address {
        return Err(ContractError::Unauthorized {
            sender: info.sender.clone(),
            required: "the council-vote contract itself (a passed proposal)",
        });
    }
    Ok(())
}

/// New rules apply to proposals opened from now on; open ones keep theirs.
pub fn update_rules(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: UpdateRulesMsg,
) -> Result<Response, ContractError> {
    assert_governance(&env, &info)?;
    let UpdateRulesMsg {
        rules,
        governance_rules,
    } = msg;
    cw_utils::nonpayable(&info)?;
    let (rules, governance_rules) = validate_pair(rules, governance_rules)?;
    RULES.save(deps.storage, &rules)?;
    GOVERNANCE_RULES.save(deps.storage, &governance_rules)?;
    Ok(Response::new().add_attribute("action", "update_rules"))
}

pub fn update_config(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: UpdateCouncilConfigMsg,
) -> Result<Response, ContractError> {
    assert_governance(&env, &info)?;
    let UpdateCouncilConfigMsg {
        membership,
        release,
    } = msg;
    cw_utils::nonpayable(&info)?;
    let mut config = CONFIG.load(deps.storage)?;
    if let Some(addr) = membership {
        config.membership = validate_addr(deps.api, &addr)?;
    }
    if let Some(addr) = release {
        config.release = validate_addr(deps.api, &addr)?;
    }
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new()
        .add_attribute("action", "update_config")
        .add_attribute("membership", config.membership)
        .add_attribute("release", config.release))
}
