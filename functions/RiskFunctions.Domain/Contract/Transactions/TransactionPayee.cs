namespace RiskFunctions.Domain.Contract.Transactions;

/// <summary>Payee of the transaction (the shared party shape).</summary>
public sealed record TransactionPayee : TransactionParty;
