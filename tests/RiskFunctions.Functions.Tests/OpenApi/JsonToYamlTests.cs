using System.Text;
using RiskFunctions.Functions.OpenApi;

namespace RiskFunctions.Functions.Tests.OpenApi;

public sealed class JsonToYamlTests
{
    [Fact]
    public void Convert_NestedObjectsAndArrays_WritesBlockYaml()
    {
        const string json = """{"a":{"b":1,"c":[true,null]},"d":[{"e":"x","f":{"g":2}},[3]],"h":{},"i":[]}""";

        var yaml = JsonToYaml.Convert(Encoding.UTF8.GetBytes(json));

        Assert.Equal(
            """
            "a":
              "b": 1
              "c":
                - true
                - null
            "d":
              - "e": "x"
                "f":
                  "g": 2
              -
                - 3
            "h": {}
            "i": []

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            yaml);
    }

    [Fact]
    public void Convert_StringsThatYamlWouldReinterpret_StayQuotedStrings()
    {
        const string json = """{"$ref":"#/x","k":"yes","n":"10","q":"say \"hi\"\nnext: line","u":"naïve","p":"/risk/v1/label/{label_id}"}""";

        var yaml = JsonToYaml.Convert(Encoding.UTF8.GetBytes(json));

        Assert.Equal(
            """
            "$ref": "#/x"
            "k": "yes"
            "n": "10"
            "q": "say \"hi\"\nnext: line"
            "u": "naïve"
            "p": "/risk/v1/label/{label_id}"

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            yaml);
    }
}
