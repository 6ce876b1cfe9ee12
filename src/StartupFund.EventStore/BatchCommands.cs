using Npgsql;

namespace StartupFund.EventStore;

/// <summary>A batch statement with positional parameters ($1, $2, ...) in the order given.</summary>
internal static class BatchCommands
{
    public static NpgsqlBatchCommand Create(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
