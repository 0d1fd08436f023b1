using RiskFunctions.Functions.Security.Tokens;

namespace RiskFunctions.Functions.Security.Keys;

/// <summary>
/// Generated signing keys on the local disk: <c>signing-current.pem</c> and, after a rotation,
/// <c>signing-previous.pem</c>. Files are created readable by their owner only.
/// </summary>
public sealed class LocalKeyStore
{
    private const string CurrentFile = "signing-current.pem";
    private const string PreviousFile = "signing-previous.pem";

    private readonly string _directory;

    public LocalKeyStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
    }

    public string CurrentKeyPath => Path.Combine(_directory, CurrentFile);

    public string PreviousKeyPath => Path.Combine(_directory, PreviousFile);

    /// <summary>Loads the keys, generating the current one when none exists yet.</summary>
    public SigningKeyRing LoadOrCreate(string algorithm)
    {
        if (!File.Exists(CurrentKeyPath))
        {
            var generated = SigningKeys.Generate(algorithm);
            try
            {
                WritePrivate(CurrentKeyPath, SigningKeys.ExportPrivateKeyPem(generated));
            }
            finally
            {
                SigningKeys.Dispose(generated);
            }
        }

        return Load();
    }

    /// <summary>Makes a fresh key current and keeps the old current one as previous (the one before it is dropped).</summary>
    public SigningKeyRing Rotate(string algorithm)
    {
        if (File.Exists(CurrentKeyPath))
        {
            WritePrivate(PreviousKeyPath, File.ReadAllText(CurrentKeyPath));
        }

        var generated = SigningKeys.Generate(algorithm);
        try
        {
            WritePrivate(CurrentKeyPath, SigningKeys.ExportPrivateKeyPem(generated));
        }
        finally
        {
            SigningKeys.Dispose(generated);
        }

        return Load();
    }

    private SigningKeyRing Load()
    {
        var current = SigningKeys.FromPem(File.ReadAllText(CurrentKeyPath));
        var previous = File.Exists(PreviousKeyPath) ? SigningKeys.FromPem(File.ReadAllText(PreviousKeyPath)) : null;
        return new SigningKeyRing(current, previous);
    }

    private void WritePrivate(string path, string pem)
    {
        Directory.CreateDirectory(_directory);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(pem);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
