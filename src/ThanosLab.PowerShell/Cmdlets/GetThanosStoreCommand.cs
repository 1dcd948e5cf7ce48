using System.Management.Automation;
using ThanosLab.Engine;

namespace ThanosLab.Cmdlets;

/// <summary>Lists the StoreAPI endpoints a Thanos querier knows: what its Stores page shows.</summary>
[Cmdlet(VerbsCommon.Get, "ThanosStore")]
[OutputType(typeof(ThanosStore))]
public sealed class GetThanosStoreCommand : EndpointCmdlet
{
    protected override void ProcessRecordCore()
    {
        foreach (var (endpoint, client) in Clients())
        {
            try
            {
                var (stores, warnings) = Await(client.GetStoresAsync(Cancellation));
                foreach (var warning in warnings) WriteWarning($"{endpoint}: {warning}");
                foreach (var store in stores.OrderBy(s => s.Type, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
                {
                    WriteObject(ThanosStore.From(store, endpoint));
                }
            }
            catch (ThanosLabException e)
            {
                WriteEngineError(e, endpoint);
            }
        }
    }
}
