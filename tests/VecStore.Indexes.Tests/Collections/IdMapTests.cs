using VecStore.Indexes.Collections;

namespace VecStore.Indexes.Tests.Collections;

/// <summary>The id map against a dictionary model: dense and sparse ids, removals, out-of-order loads.</summary>
public sealed class IdMapTests
{
    [Fact]
    public void Random_adds_and_removes_agree_with_a_dictionary()
    {
        var map = new IdMap();
        var model = new Dictionary<long, int>();
        var random = new Random(3);
        for (int step = 0; step < 20000; step++)
        {
            // Mostly small dense ids, some huge or negative ones that must go to the sparse part.
            long id = random.Next(10) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(50000);
            if (model.Remove(id))
            {
                Assert.True(map.Remove(id));
            }
            else
            {
                int value = random.Next(1000);
                map.Add(id, value);
                model[id] = value;
            }
        }

        foreach (var (id, value) in model)
        {
            Assert.True(map.TryGet(id, out int found));
            Assert.Equal(value, found);
        }

        Assert.False(map.TryGet(50001, out _));
        Assert.False(map.Remove(50001));
    }

    [Fact]
    public void Ids_loaded_out_of_order_stay_dense_when_their_number_is_announced()
    {
        const int count = 300_000;
        var announced = new IdMap();
        var unannounced = new IdMap();
        announced.ExpectAtLeast(count);

        // List by list, as an inverted file is read: each list holds ids from all over the range.
        for (int list = 0; list < 100; list++)
        {
            for (int id = list; id < count; id += 100)
            {
                announced.Add(id, list);
                unannounced.Add(id, list);
            }
        }

        for (int id = 0; id < count; id += 997)
        {
            Assert.True(announced.TryGet(id, out int list));
            Assert.Equal(id % 100, list);
        }

        // Dense: 4 bytes an id (whole 64k-id chunks); the unannounced map sent early far ids to the dictionary.
        Assert.True(announced.MemoryBytes <= 5L * 65536 * sizeof(int) + 1024, $"{announced.MemoryBytes} bytes");
        Assert.True(unannounced.MemoryBytes > announced.MemoryBytes);
    }
}
