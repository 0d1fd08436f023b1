using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace SampleWorkerApp.Http;

/// <summary>
/// Large bodies one direction at a time: an upload the function hashes as it streams in, and a download it
/// generates as it streams out. (Echoing a large body needs a client that reads while it sends.)
/// </summary>
public sealed class BulkFunctions
{
    [Function(nameof(Digest))]
    public async Task<IActionResult> Digest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "digest")] HttpRequest req,
        FunctionContext context)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await req.Body.ReadAsync(buffer, context.CancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        return new OkObjectResult(new { length, sha256 = Convert.ToHexString(hash.GetHashAndReset()) });
    }

    [Function(nameof(Download))]
    public async Task<IActionResult> Download(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bytes/{count:int}")] HttpRequest req,
        int count,
        FunctionContext context)
    {
        var response = req.HttpContext.Response;
        response.ContentType = "application/octet-stream";
        response.ContentLength = count;
        var block = new byte[65536];
        for (var offset = 0; offset < count; offset += block.Length)
        {
            var size = Math.Min(block.Length, count - offset);
            for (var i = 0; i < size; i++)
            {
                block[i] = (byte)((offset + i) % 251);
            }

            await response.Body.WriteAsync(block.AsMemory(0, size), context.CancellationToken);
        }

        return new EmptyResult();
    }
}
