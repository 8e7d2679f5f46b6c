using System.Collections.ObjectModel;

namespace TwTools.Engine.Text;

/// <summary>
/// A read-only list that reads as its items when made text: Export-Csv, "$x" and Format-Table call ToString on a
/// property's value, and a list's own ToString is its type name (System.String[], &lt;&gt;z__ReadOnlyList`1[...]).
/// Properties keep their declared IReadOnlyList type, so JSON and the pipeline see an ordinary list.
/// </summary>
internal sealed class JoinedList<T>(IList<T> items) : ReadOnlyCollection<T>(items)
{
    public static IReadOnlyList<T> Of(IEnumerable<T> items) => items as JoinedList<T> ?? new JoinedList<T>([.. items]);

    public override string ToString() => string.Join("; ", this.Select(i => i?.ToString()));
}
