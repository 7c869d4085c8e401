namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>Reads RESP2 replies from a stream through one growing buffer and a <see cref="RespParser"/>.</summary>
internal sealed class RespStreamReader(Stream stream)
{
    private readonly RespParser _parser = new();
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next reply. Throws <see cref="EndOfStreamException"/> when the server closes the connection.</summary>
    public async ValueTask<RedisReply> ReadAsync(CancellationToken ct)
    {
        while (true)
        {
            var consumed = _start;
            var done = _parser.TryRead(_buffer.AsSpan(0, _end), ref consumed, out var reply);
            _start = consumed;
            if (done)
            {
                return reply;
            }

            MakeRoom();
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
            if (read == 0)
            {
                throw new EndOfStreamException("the server closed the connection");
            }

            _end += read;
        }
    }

    /// <summary>Drops consumed bytes; doubles the buffer when one unfinished element (a big bulk string) fills it.</summary>
    private void MakeRoom()
    {
        if (_start == _end)
        {
            _start = _end = 0;
            return;
        }

        if (_end < _buffer.Length && _start < _buffer.Length / 2)
        {
            return;
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
    }
}
