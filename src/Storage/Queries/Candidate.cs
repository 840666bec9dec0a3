namespace VecStore.Storage.Queries;

/// <summary>A row that passed a filter, with the slot of its vector in the searched column.</summary>
public readonly record struct Candidate(long RowId, long Slot);
