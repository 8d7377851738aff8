package keepalivedj.conf.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole keepalived.conf as keepalived-j understood it: global_defs, the VRRP side and the LVS side, every
 * default filled in. Value equality throughout, so a reload can compare old and new records.
 */
public record KeepalivedConfig(GlobalDefs globalDefs, VrrpConfig vrrp, LvsConfig lvs) {

    /** Every script the configuration can run, with the vrrp_script name where it is a tracked script. */
    public List<NamedScript> scripts() {
        List<NamedScript> out = new ArrayList<>();
        addIfSet(out, globalDefs.startupScript(), null);
        addIfSet(out, globalDefs.shutdownScript(), null);
        for (GlobalNotifyFifo fifo : new GlobalNotifyFifo[] {globalDefs.notifyFifo(), globalDefs.vrrpNotifyFifo(),
                globalDefs.lvsNotifyFifo()}) {
            if (fifo != null) {
                addIfSet(out, fifo.script(), null);
            }
        }
        for (VrrpScript s : vrrp.scripts()) {
            addIfSet(out, s.script(), s.name());
        }
        for (VrrpInstance i : vrrp.instances()) {
            addNotify(out, i.notifyScripts());
        }
        for (VrrpSyncGroup g : vrrp.syncGroups()) {
            addNotify(out, g.notifyScripts());
        }
        for (ScriptCommand s : lvs.scripts()) {
            addIfSet(out, s, null);
        }
        return out;
    }

    private static void addNotify(List<NamedScript> out, VrrpNotifyScripts n) {
        if (n == null) {
            return;
        }
        for (ScriptCommand s : new ScriptCommand[] {n.master(), n.backup(), n.fault(), n.stop(), n.deleted(),
                n.generic(), n.masterRxLowerPri()}) {
            addIfSet(out, s, null);
        }
    }

    private static void addIfSet(List<NamedScript> out, ScriptCommand s, String vrrpScript) {
        if (s != null) {
            out.add(new NamedScript(s, vrrpScript));
        }
    }

    /** A script and, for a vrrp_script, its name (null otherwise). */
    public record NamedScript(ScriptCommand script, String vrrpScript) {
    }
}
