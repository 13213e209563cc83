using System.Linq.Expressions;
using System.Reflection;

namespace Scion.Artifacts;

/// <summary>
/// A compiled loop <c>rows[offset + i] = new TRow { P0 = col0[i], P1 = col1[i], … }</c>, one per row type:
/// one allocation and plain stores per row, no per-property delegate calls.
/// </summary>
internal static class RowBuilder<TRow> where TRow : class, new()
{
    private static Action<TRow[], Array[], int, int>? cached;

    public static Action<TRow[], Array[], int, int> For(IReadOnlyList<PropertyInfo> properties) => cached ??= Compile(properties);

    private static Action<TRow[], Array[], int, int> Compile(IReadOnlyList<PropertyInfo> properties)
    {
        var rows = Expression.Parameter(typeof(TRow[]), "rows");
        var columns = Expression.Parameter(typeof(Array[]), "columns");
        var offset = Expression.Parameter(typeof(int), "offset");
        var count = Expression.Parameter(typeof(int), "count");
        var i = Expression.Variable(typeof(int), "i");
        var typed = properties.Select((p, c) => Expression.Variable(p.PropertyType.MakeArrayType(), "col" + c)).ToList();
        var exit = Expression.Label("exit");

        var init = typed.Select((v, c) => (Expression)Expression.Assign(v, Expression.Convert(Expression.ArrayIndex(columns, Expression.Constant(c)), v.Type)));
        var newRow = Expression.MemberInit(Expression.New(typeof(TRow)),
            properties.Select((p, c) => Expression.Bind(p, Expression.ArrayIndex(typed[c], i))));
        var loop = Expression.Loop(
            Expression.IfThenElse(
                Expression.LessThan(i, count),
                Expression.Block(
                    Expression.Assign(Expression.ArrayAccess(rows, Expression.Add(offset, i)), newRow),
                    Expression.PostIncrementAssign(i)),
                Expression.Break(exit)),
            exit);
        var body = Expression.Block(typed.Append(i), init.Append(Expression.Assign(i, Expression.Constant(0))).Append(loop));
        return Expression.Lambda<Action<TRow[], Array[], int, int>>(body, rows, columns, offset, count).Compile();
    }
}
