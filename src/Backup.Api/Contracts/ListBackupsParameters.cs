using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

namespace Backup.Api.Contracts;

/// <summary>
/// The list's query parameters exactly as sent: MVC would turn a blank value into null, and <c>pattern=%20</c> must be
/// refused, not read as "every backup".
/// </summary>
public sealed class ListBackupsParameters
{
    [FromQuery(Name = "verbose")]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? Verbose { get; init; }

    [FromQuery(Name = "pattern")]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? Pattern { get; init; }
}
