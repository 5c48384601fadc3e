//! The two-step ownership transfer SPEC section 2 asks of membership (its owner) and the
//! audit registry (its governance): `transfer_ownership { new_owner }` by the owner names a
//! successor, `accept_ownership {}` by that successor takes over. One definition for both;
//! each contract keeps the owner in its own config under its own names.

use cosmwasm_std::{Addr, Api, MessageInfo, Response, StdError, Storage};
use cw_storage_plus::Item;
use cw_utils::PaymentError;
use serde::{de::DeserializeOwned, Serialize};
use thiserror::Error;

use crate::validate::{validate_addr, ValidationError};

/// A config that holds an owner and the successor it named.
pub trait TwoStepOwned: Serialize + DeserializeOwned {
    /// What the owner is called in errors and attributes (`owner`, `governance`).
    const OWNER: &'static str;
    /// What the successor is called in attributes (`pending_owner`, `pending_governance`).
    const PENDING: &'static str;

    fn owner(&self) -> &Addr;
    fn pending(&self) -> Option<&Addr>;
    fn set_owner(&mut self, owner: Addr);
    fn set_pending(&mut self, pending: Option<Addr>);
}

#[derive(Error, Debug)]
pub enum OwnershipError {
    #[error(transparent)]
    Std(#[from] StdError),

    #[error(transparent)]
    Payment(#[from] PaymentError),

    #[error(transparent)]
    Validation(#[from] ValidationError),

    #[error("Unauthorized: {sender} is not {required}")]
    Unauthorized {
        sender: Addr,
        required: &'static str,
    },
}

fn unauthorized(sender: &Addr, required: &'static str) -> OwnershipError {
    OwnershipError::Unauthorized {
        sender: sender.clone(),
        required,
    }
}

/// The config, if `sender` is its owner.
pub fn assert_owner<C: TwoStepOwned>(
    item: &Item<C>,
    store: &dyn Storage,
    sender: &Addr,
    required: &'static str,
) -> Result<C, OwnershipError> {
    let config = item.load(store)?;
    if config.owner() != sender {
        return Err(unauthorized(sender, required));
    }
    Ok(config)
}

/// Step one: the owner names its successor; a later call replaces the pending one.
/// `required` names the owner in the error (`the owner`, `the governance`).
pub fn transfer_ownership<C: TwoStepOwned>(
    item: &Item<C>,
    store: &mut dyn Storage,
    api: &dyn Api,
    info: &MessageInfo,
    new_owner: &str,
    required: &'static str,
) -> Result<Response, OwnershipError> {
    let mut config = assert_owner(item, store, &info.sender, required)?;
    cw_utils::nonpayable(info)?;
    let pending = validate_addr(api, new_owner)?;
    config.set_pending(Some(pending.clone()));
    item.save(store, &config)?;
    Ok(Response::new()
        .add_attribute("action", "transfer_ownership")
        .add_attribute(C::PENDING, pending))
}

/// Step two: the named successor takes over. Anyone else, also while no transfer is
/// pending, is unauthorized (`required` names the successor).
pub fn accept_ownership<C: TwoStepOwned>(
    item: &Item<C>,
    store: &mut dyn Storage,
    info: &MessageInfo,
    required: &'static str,
) -> Result<Response, OwnershipError> {
    let mut config = item.load(store)?;
    if config.pending() != Some(&info.sender) {
        return Err(unauthorized(&info.sender, required));
    }
    cw_utils::nonpayable(info)?;
    config.set_owner(info.sender.clone());
    config.set_pending(None);
    item.save(store, &config)?;
    Ok(Response::new()
        .add_attribute("action", "accept_ownership")
        .add_attribute(C::OWNER, info.sender.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::coins;
    use cosmwasm_std::testing::{message_info, MockApi, MockStorage};
    use serde::Deserialize;

    #[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
    struct Owned {
        owner: Addr,
        pending: Option<Addr>,
    }

    impl TwoStepOwned for Owned {
        const OWNER: &'static str = "owner";
        const PENDING: &'static str = "pending_owner";
        fn owner(&self) -> &Addr {
            &self.owner
        }
        fn pending(&self) -> Option<&Addr> {
            self.pending.as_ref()
        }
        fn set_owner(&mut self, owner: Addr) {
            self.owner = owner;
        }
        fn set_pending(&mut self, pending: Option<Addr>) {
            self.pending = pending;
        }
    }

    const ITEM: Item<Owned> = Item::new("owned");

    #[test]
    fn ownership_moves_in_two_steps_and_only_so() {
        let api = MockApi::default();
        let mut store = MockStorage::new();
        let (a, b, c) = (api.addr_make("a"), api.addr_make("b"), api.addr_make("c"));
        let owned = Owned {
            owner: a.clone(),
            pending: None,
        };
        ITEM.save(&mut store, &owned).unwrap();
        let from = |addr: &Addr| message_info(addr, &[]);
        // nobody is pending: nobody accepts
        assert_eq!(
            accept_ownership(&ITEM, &mut store, &from(&a), "the pending owner")
                .unwrap_err()
                .to_string(),
            unauthorized(&a, "the pending owner").to_string()
        );
        // only the owner names a successor, without funds, a valid address
        assert_eq!(
            transfer_ownership(&ITEM, &mut store, &api, &from(&b), b.as_str(), "the owner")
                .unwrap_err()
                .to_string(),
            unauthorized(&b, "the owner").to_string()
        );
        let paid = message_info(&a, &coins(1, "ustake"));
        assert!(matches!(
            transfer_ownership(&ITEM, &mut store, &api, &paid, b.as_str(), "the owner"),
            Err(OwnershipError::Payment(_))
        ));
        assert!(matches!(
            transfer_ownership(&ITEM, &mut store, &api, &from(&a), "nope", "the owner"),
            Err(OwnershipError::Validation(_))
        ));
        transfer_ownership(&ITEM, &mut store, &api, &from(&a), b.as_str(), "the owner").unwrap();
        // a second transfer replaces the first
        let res = transfer_ownership(&ITEM, &mut store, &api, &from(&a), c.as_str(), "the owner")
            .unwrap();
        assert_eq!(res.attributes[1].value, c.to_string());
        assert_eq!(
            accept_ownership(&ITEM, &mut store, &from(&b), "the pending owner")
                .unwrap_err()
                .to_string(),
            unauthorized(&b, "the pending owner").to_string()
        );
        accept_ownership(&ITEM, &mut store, &from(&c), "the pending owner").unwrap();
        assert_eq!(
            ITEM.load(&store).unwrap(),
            Owned {
                owner: c.clone(),
                pending: None
            }
        );
    }
}
