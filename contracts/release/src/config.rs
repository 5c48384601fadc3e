//! Instantiation and governance's changes of the peers and the app name.

use berty_interface::validate::{validate_addr, validate_label};
use cosmwasm_std::{DepsMut, MessageInfo, Response};

use crate::error::ContractError;
use crate::msg::{InstantiateMsg, UpdateReleaseConfigMsg};
use crate::state::{Config, CONFIG};

/// Checks the addresses and the app name; never queries a peer (it may not exist yet).
pub fn create(deps: DepsMut, msg: InstantiateMsg) -> Result<Response, ContractError> {
    let InstantiateMsg {
        membership,
        audit_registry,
        council_vote,
        app_name,
    } = msg;
    validate_label("app_name", &app_name)?;
    let config = Config {
        membership: validate_addr(deps.api, &membership)?,
        audit_registry: validate_addr(deps.api, &audit_registry)?,
        council_vote: validate_addr(deps.api, &council_vote)?,
        app_name,
    };
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("membership", config.membership)
        .add_attribute("audit_registry", config.audit_registry)
        .add_attribute("council_vote", config.council_vote)
        .add_attribute("app_name", config.app_name))
}

/// Governance (council-vote executing a passed proposal) only.
pub fn update_config(
    deps: DepsMut,
    info: MessageInfo,
    update: UpdateReleaseConfigMsg,
) -> Result<Response, ContractError> {
    let mut config = CONFIG.load(deps.storage)?;
    if info.sender != config.council_vote {
        return Err(ContractError::Unauthorized {
            sender: info.sender,
            required: "the governance (council-vote)",
        });
    }
    cw_utils::nonpayable(&info)?;
    let UpdateReleaseConfigMsg {
        membership,
        audit_registry,
        council_vote,
        app_name,
    } = update;
    if membership.is_none()
        && audit_registry.is_none()
        && council_vote.is_none()
        && app_name.is_none()
    {
        return Err(ContractError::EmptyUpdate);
    }
    let mut response = Response::new().add_attribute("action", "update_config");
    for (slot, value, name) in [
        (&mut config.membership, membership, "membership"),
        (&mut config.audit_registry, audit_registry, "audit_registry"),
        (&mut config.council_vote, council_vote, "council_vote"),
    ] {
        if let Some(addr) = value {
            *slot = validate_addr(deps.api, &addr)?;
            response = response.add_attribute(name, slot.as_str());
        }
    }
    if let Some(name) = app_name {
        validate_label("app_name", &name)?;
        response = response.add_attribute("app_name", &name);
        config.app_name = name;
    }
    CONFIG.save(deps.storage, &config)?;
    Ok(response)
}
