//! Payments in and out: SPEC amounts are `Uint128`, `cw_utils` answers `Uint256`; the
//! bank refuses zero-amount sends, so none is ever built.

use cosmwasm_std::{coin, Addr, BankMsg, MessageInfo, Uint128};

use crate::error::ContractError;

/// Exactly one coin of `denom`, more than zero, as a `Uint128`.
pub fn paid(info: &MessageInfo, denom: &str) -> Result<Uint128, ContractError> {
    let amount = cw_utils::must_pay(info, denom)?;
    Uint128::try_from(amount).map_err(|_| ContractError::AmountOverflow {
        amount: amount.to_string(),
    })
}

/// A transfer of `amount`, or nothing for zero.
pub fn send(to: &Addr, amount: Uint128, denom: &str) -> Option<BankMsg> {
    (!amount.is_zero()).then(|| BankMsg::Send {
        to_address: to.to_string(),
        amount: vec![coin(amount.u128(), denom)],
    })
}
