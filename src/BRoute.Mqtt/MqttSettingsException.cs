namespace BRoute.Mqtt;

/// <summary>The MQTT settings cannot work; the message lists every problem and what to change.</summary>
public sealed class MqttSettingsException : BRouteException
{
    /// <summary>Creates the exception without details.</summary>
    public MqttSettingsException()
        : this(["unknown problem"])
    {
    }

    /// <summary>Creates the exception from one problem.</summary>
    public MqttSettingsException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception from one problem and its cause.</summary>
    public MqttSettingsException(string message, Exception innerException)
        : base("MQTT settings are invalid: " + message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception from the list of problems.</summary>
    public MqttSettingsException(IReadOnlyList<string> problems)
        : base("MQTT settings are invalid: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    /// <summary>Each problem, in plain words with what to do.</summary>
    public IReadOnlyList<string> Problems { get; }
}
