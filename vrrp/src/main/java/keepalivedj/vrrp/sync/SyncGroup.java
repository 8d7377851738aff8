package keepalivedj.vrrp.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keepalivedj.vrrp.fsm.Action;
import keepalivedj.vrrp.fsm.Event;
import keepalivedj.vrrp.fsm.State;
import keepalivedj.vrrp.fsm.VrrpMachine;

/**
 * A vrrp_sync_group (keepalived.md §a.6): its members move together. Wraps the members' step functions; events
 * for a member go through {@link #step}, which forwards the consequences to the siblings:
 * <ul>
 *   <li>a member becomes MASTER only when every member wants MASTER ({@link VrrpMachine#wantState()});</li>
 *   <li>a member becoming MASTER pulls the BACKUP siblings to MASTER; MASTER → BACKUP pushes the others back;</li>
 *   <li>any member in FAULT by its own trackers puts every member in FAULT, until none is;</li>
 *   <li>a MASTER member answering a lower priority makes its MASTER siblings send their GARP bursts too.</li>
 * </ul>
 * Group notifies ({@code GROUP "name" STATE 0}) are emitted when the group's state changes. Pure, single owner.
 */
public final class SyncGroup {
    /** An action and the member that must carry it out (group notifies carry the group's name). */
    public record MemberAction(String instance, Action action) {
    }

    private final String name;
    private final Map<String, VrrpMachine> members = new LinkedHashMap<>();
    private State groupState = State.INIT;

    public SyncGroup(String name, List<VrrpMachine> machines) {
        this(name, machines, State.INIT);
    }

    /**
     * A group rebuilt by a reload: {@code notified} is the state the group of the same name last notified, so an
     * unchanged group does not notify again (keepalived 2.2.7 writes no GROUP line on a reload that keeps it).
     */
    public SyncGroup(String name, List<VrrpMachine> machines, State notified) {
        this.name = name;
        this.groupState = notified;
        for (VrrpMachine m : machines) {
            members.put(m.spec().name(), m);
            m.joinSyncGroup(this::canGoMaster);
        }
    }

    /** keepalived vrrp_sync_can_goto_master: every other member wants MASTER or already is. */
    private boolean canGoMaster(VrrpMachine candidate) {
        for (VrrpMachine m : members.values()) {
            if (m != candidate && m.wantState() != State.MASTER && m.state() != State.MASTER) {
                return false;
            }
        }
        return true;
    }

    public List<MemberAction> step(String instance, Event event, long nowUs) {
        if (!members.containsKey(instance)) {
            throw new IllegalArgumentException("instance " + instance + " is not in sync group " + name);
        }
        List<MemberAction> out = new ArrayList<>();
        Deque<Map.Entry<String, Event>> work = new ArrayDeque<>();
        work.add(Map.entry(instance, event));
        while (!work.isEmpty()) {
            Map.Entry<String, Event> next = work.poll();
            for (Action a : members.get(next.getKey()).step(next.getValue(), nowUs)) {
                out.add(new MemberAction(next.getKey(), a));
                if (a instanceof Action.Transition t) {
                    propagate(next.getKey(), t, work);
                } else if (a instanceof Action.Notify n && n.state().equals("MASTER_RX_LOWER_PRI")) {
                    // §d.3: the siblings send their lower-priority GARPs too
                    for (String sibling : members.keySet()) {
                        if (!sibling.equals(next.getKey())) {
                            work.add(Map.entry(sibling, new Event.SyncLowerPriorityHeard()));
                        }
                    }
                }
            }
            if (work.isEmpty()) {
                syncFaults(work);
            }
        }
        State now = derivedState();
        if (now != null && now != groupState) {
            groupState = now;
            out.add(new MemberAction(name, new Action.Notify("GROUP", name, now.name(), 0)));
        }
        return out;
    }

    private void propagate(String from, Action.Transition t, Deque<Map.Entry<String, Event>> work) {
        for (Map.Entry<String, VrrpMachine> e : members.entrySet()) {
            if (e.getKey().equals(from)) {
                continue;
            }
            State s = e.getValue().state();
            if (t.to() == State.MASTER && s == State.BACKUP) {
                work.add(Map.entry(e.getKey(), new Event.SyncRequested(State.MASTER)));
            } else if (t.from() == State.MASTER && t.to() == State.BACKUP && s == State.MASTER) {
                work.add(Map.entry(e.getKey(), new Event.SyncRequested(State.BACKUP)));
            }
        }
    }

    /** Any member faulted by its own trackers faults the group; tell every member whose view differs. */
    private void syncFaults(Deque<Map.Entry<String, Event>> work) {
        boolean fault = members.values().stream().anyMatch(VrrpMachine::ownFault);
        for (Map.Entry<String, VrrpMachine> e : members.entrySet()) {
            State s = e.getValue().state();
            if (e.getValue().syncFault() != fault && s != State.INIT && s != State.STOP) {
                work.add(Map.entry(e.getKey(), new Event.SyncFaultChanged(fault)));
            }
        }
    }

    private State derivedState() {
        boolean allMaster = true;
        boolean allBackup = true;
        boolean allStop = true;
        for (VrrpMachine m : members.values()) {
            if (m.state() == State.FAULT) {
                return State.FAULT;
            }
            allMaster &= m.state() == State.MASTER;
            allBackup &= m.state() == State.BACKUP;
            allStop &= m.state() == State.STOP;
        }
        return allMaster ? State.MASTER : allBackup ? State.BACKUP : allStop ? State.STOP : null;
    }

    public VrrpMachine member(String instance) {
        return members.get(instance);
    }

    public State state() {
        return groupState;
    }
}
