namespace BRoute.EchonetLite.Frames;

/// <summary>ECHONET Lite service codes (echonet-lite.md §4).</summary>
public enum Esv : byte
{
    SetISna = 0x50,
    SetCSna = 0x51,
    GetSna = 0x52,
    InfSna = 0x53,
    SetGetSna = 0x5E,

    SetI = 0x60,
    SetC = 0x61,
    Get = 0x62,
    InfReq = 0x63,
    SetGet = 0x6E,

    SetRes = 0x71,
    GetRes = 0x72,
    Inf = 0x73,
    InfC = 0x74,
    InfCRes = 0x7A,
    SetGetRes = 0x7E,
}

/// <summary>Facts about service codes.</summary>
public static class EsvExtensions
{
    /// <summary>True for the 16 codes the specification defines.</summary>
    public static bool IsDefined(this Esv esv) => esv switch
    {
        Esv.SetISna or Esv.SetCSna or Esv.GetSna or Esv.InfSna or Esv.SetGetSna or
        Esv.SetI or Esv.SetC or Esv.Get or Esv.InfReq or Esv.SetGet or
        Esv.SetRes or Esv.GetRes or Esv.Inf or Esv.InfC or Esv.InfCRes or Esv.SetGetRes => true,
        _ => false,
    };

    /// <summary>True for the SetGet family, whose body holds two property lists (echonet-lite.md §6).</summary>
    public static bool IsSetGet(this Esv esv) => esv is Esv.SetGet or Esv.SetGetRes or Esv.SetGetSna;

    /// <summary>True for any "service not available" reply (0x50–0x5F).</summary>
    public static bool IsSna(this Esv esv) => (byte)esv is >= 0x50 and <= 0x5F;

    /// <summary>True for a request (0x60–0x6F).</summary>
    public static bool IsRequest(this Esv esv) => (byte)esv is >= 0x60 and <= 0x6F;

    /// <summary>True for INF or INFC: a notification, not a reply to one of our requests.</summary>
    public static bool IsNotification(this Esv esv) => esv is Esv.Inf or Esv.InfC;

    /// <summary>The specification's symbol, e.g. "Get_Res"; "0xNN" for an undefined code.</summary>
    public static string Symbol(this Esv esv) => esv switch
    {
        Esv.SetISna => "SetI_SNA",
        Esv.SetCSna => "SetC_SNA",
        Esv.GetSna => "Get_SNA",
        Esv.InfSna => "INF_SNA",
        Esv.SetGetSna => "SetGet_SNA",
        Esv.SetI => "SetI",
        Esv.SetC => "SetC",
        Esv.Get => "Get",
        Esv.InfReq => "INF_REQ",
        Esv.SetGet => "SetGet",
        Esv.SetRes => "Set_Res",
        Esv.GetRes => "Get_Res",
        Esv.Inf => "INF",
        Esv.InfC => "INFC",
        Esv.InfCRes => "INFC_Res",
        Esv.SetGetRes => "SetGet_Res",
        _ => $"0x{(byte)esv:X2}",
    };
}
