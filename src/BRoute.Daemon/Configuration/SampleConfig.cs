namespace BRoute.Daemon.Configuration;

/// <summary>The commented sample <c>broute config sample</c> prints (JSON with comments, as the loader accepts).</summary>
public static class SampleConfig
{
    /// <summary>The sample: every key, with its default or an example, and what it means.</summary>
    public const string Text = """
        // broute.json — settings of 'broute run' and of every broute command.
        // Where it is read from: --config FILE, $BROUTE_CONFIG, $XDG_CONFIG_HOME/broute/broute.json
        // (~/.config/broute/broute.json), /etc/broute/broute.json. Comments and trailing commas are allowed.
        // Any key can also come from the environment: BROUTE__SECTION__KEY (e.g. BROUTE__MQTT__BROKER),
        // and BROUTE_DEVICE, BROUTE_ID, BROUTE_PASSWORD, BROUTE_FAMILY as before. Options beat environment beat file.
        // Check what is in effect (secrets masked) with: broute config check
        {
          // One meter. For several (one dongle each) use "meters": [ { "name": "house", "device": …, "id": …,
          // "password_file": … }, … ]; keys given here then serve as every meter's default.
          "device": "/dev/ttyUSB0",            // serial port of the dongle, or tcp://host:port (ser2net)
          "id": "00000000000000000000000000000000",   // B-route ID: 32 characters from the power company
          // The password: "password": "…" here (then chmod 600 this file), or better a file holding only it,
          // or the systemd credential 'broute-password' (LoadCredential=), or BROUTE_PASSWORD.
          "password_file": "/etc/broute/password",
          "family": "auto",                    // dongle family: auto, bp35a1, wsr35a1, bp35c0, bp35c2, rs-wsuha, rl7023-ips, rl7023-dss
          // "state_dir": "/var/lib/broute",   // PAN cache and store; default $STATE_DIRECTORY, else $XDG_STATE_HOME/broute
          "timeouts": {
            "request": "10s",                  // longest wait for a meter's reply (the adaptive wait's ceiling)
            "join": "45s",                     // SKJOIN → EVENT 25
            "scan_max_duration": 8             // longest active-scan step (0–14; 8 ≈ 69 s for all channels)
          },
          "store": {
            // "path": "/var/lib/broute/broute.db",   // default: broute.db in state_dir
            "sample_retention": "14d",         // raw power/current samples; then 1-minute min/mean/max
            "aggregate_retention": "730d"      // 1-minute aggregates; half-hours are kept for ever
          },
          "mqtt": {
            // No broker, no MQTT. mqtts:// for TLS.
            // "broker": "mqtt://127.0.0.1:1883",
            "user": "broute",
            // "password_file": "/etc/broute/mqtt-password",   // or the systemd credential 'mqtt-password'
            "protocol": "5",                   // 5 or 3.1.1
            "topic_prefix": "broute",
            "discovery_prefix": "homeassistant"   // Home Assistant discovery; "" = none
            // "ca_file": "/etc/broute/ca.pem", "client_certificate": "…", "client_key": "…",
            // "allow_untrusted_certificates": false
          },
          "web": {
            "enabled": true,
            "listen": "127.0.0.1:8765"         // dashboard, /api/, /metrics. Another address needs "token_file".
            // "token_file": "/etc/broute/web-token"
          }
          // Optional: your electricity plan, for yen per day and month on the dashboard and in /api/daily, /api/monthly.
          // Tiers are per month (a day's kWh are priced at its place in the month so far); adjustments are yen per kWh
          // on every kWh and may be negative. Copy the figures from your plan; these are an example.
          // "tariff": {
          //   "basic_charge": 935.25,            // 基本料金, yen per month
          //   "tiers": [                         // 電力量料金, lowest first; the last has no up_to_kwh
          //     { "up_to_kwh": 120, "yen_per_kwh": 29.80 },
          //     { "up_to_kwh": 300, "yen_per_kwh": 36.40 },
          //     { "yen_per_kwh": 40.49 }
          //   ],
          //   "adjustments": {                   // yen per kWh
          //     "fuel_cost_adjustment": -1.45,   // 燃料費調整額
          //     "renewable_energy_levy": 3.98    // 再エネ賦課金
          //   }
          // }
        }

        """;
}
