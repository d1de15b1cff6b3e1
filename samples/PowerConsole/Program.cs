// Prints the meter's power forever through a MeterMonitor, which reconnects by itself after any failure.
// Usage: dotnet run --project samples/PowerConsole -- /dev/ttyUSB0   (BROUTE_ID and BROUTE_PASSWORD in the environment)
using BRoute.Authentication;
using BRoute.Monitoring;
using BRoute.Session;

var device = args.Length > 0 ? args[0] : "/dev/ttyUSB0";
var credentials = Credentials.Create(Environment.GetEnvironmentVariable("BROUTE_ID") ?? "", Environment.GetEnvironmentVariable("BROUTE_PASSWORD") ?? "");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

var monitor = new MeterMonitor(new MeterMonitorOptions
{
    Session = new MeterSessionOptions { Credentials = credentials, Device = SkDeviceFactories.Open(device) },
    Schedule = ReadSchedule.PowerEvery(TimeSpan.FromSeconds(10)),
});
using var events = monitor.Subscribe();
var running = monitor.RunAsync(stop.Token);
await foreach (var e in events.ReadAllAsync())
{
    switch (e)
    {
        case MeasurementsEvent m:
            foreach (var power in m.Measurements.Where(x => x.Quantity == Quantity.Power))
            {
                Console.WriteLine($"{power.ReadAt.ToLocalTime():HH:mm:ss}  {(power.HasValue ? $"{power.Value} W" : power.Status.ToString())}");
            }

            break;
        case StateChangedEvent s:
            Console.WriteLine($"{s.At.ToLocalTime():HH:mm:ss}  {s.State.Kind}: {s.State.Reason}");
            break;
    }
}

await running;
