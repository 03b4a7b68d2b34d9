#!/usr/bin/perl
# Dobby's per-attempt supervisor (the role containerd's shim and Podman's conmon play for containers).
#
# Usage: perl dobby-supervise.pl ATTEMPT_DIR KILL_GRACE_MS TIMEOUT_MS -- PROGRAM ARG...
#
# It leaves its parent's session, starts PROGRAM as the leader of a process group of its own with stdout and
# stderr appended to ATTEMPT_DIR/stdout and ATTEMPT_DIR/stderr, and outlives whoever started it. It stops the
# group (TERM, KILL_GRACE_MS, then KILL) when ATTEMPT_DIR/stop appears, when TIMEOUT_MS (0: none) have passed, or
# when the lease in ATTEMPT_DIR/lease runs out. Each line "SEQ VALID_MS" written there renews the lease for
# VALID_MS from the moment a new SEQ is seen, measured on this machine's monotonic clock; without that file there
# is no lease. Its last act is to write ATTEMPT_DIR/exit atomically (code=, signal=, stopped=).
#
# Perl because every Linux and macOS machine has it and it starts in milliseconds; the logic is kept small on
# purpose, everything else (parsing, redaction, reporting) happens in the JVM that reads these files.
use strict;
use warnings;
use POSIX qw(setsid setpgid WNOHANG _exit);

my ($dir, $grace_ms, $timeout_ms, $sep, @argv) = @ARGV;
die "usage: dobby-supervise.pl DIR GRACE_MS TIMEOUT_MS -- PROGRAM ARG...\n"
    unless defined $sep && $sep eq '--' && @argv;

my $have_hires = eval { require Time::HiRes; Time::HiRes->import(qw(clock_gettime CLOCK_MONOTONIC)); 1 };
sub now_ms { return $have_hires ? int(clock_gettime(CLOCK_MONOTONIC()) * 1000) : time() * 1000; }
sub nap { select(undef, undef, undef, $_[0]); }

sub write_atomically {
    my ($name, $text) = @_;
    my $tmp = "$dir/.$name.tmp";
    open(my $fh, '>', $tmp) or return 0;
    print $fh $text;
    close($fh) or return 0;
    return rename($tmp, "$dir/$name");
}

sub read_file {
    my ($name) = @_;
    open(my $fh, '<', "$dir/$name") or return undef;
    local $/;
    my $text = <$fh>;
    close($fh);
    return $text;
}

setsid();
$SIG{PIPE} = 'IGNORE';
# The JVM that started us may die at any moment; its signals are not ours to follow.
$SIG{HUP} = 'IGNORE';
$SIG{INT} = 'IGNORE';
write_atomically('supervisor.pid', "$$\n");

open(my $out, '>>', "$dir/stdout") or die "cannot open $dir/stdout: $!\n";
open(my $err, '>>', "$dir/stderr") or die "cannot open $dir/stderr: $!\n";

my $agent = fork();
die "cannot fork: $!\n" unless defined $agent;
if ($agent == 0) {
    setpgid(0, 0);
    $SIG{PIPE} = 'DEFAULT';
    $SIG{HUP} = 'DEFAULT';
    $SIG{INT} = 'DEFAULT';
    open(STDOUT, '>&', $out) or _exit(127);
    open(STDERR, '>&', $err) or _exit(127);
    { exec { $argv[0] } @argv; }
    print STDERR "cannot run $argv[0]: $!\n";
    _exit(127);
}
setpgid($agent, $agent);
close($out);
close($err);
write_atomically('agent.pid', "$agent\n");

my $started = now_ms();
my ($stop_reason, $term_at, $status);
my ($lease_seq, $lease_until) = (undef, undef);

sub stop_agent {
    my ($why) = @_;
    return if defined $stop_reason;
    $stop_reason = $why;
    $term_at = now_ms();
    kill('TERM', -$agent);
}

while (1) {
    my $done = waitpid($agent, WNOHANG);
    if ($done == $agent) {
        $status = $?;
        last;
    }
    my $now = now_ms();
    if (!defined $stop_reason) {
        if (-e "$dir/stop") {
            stop_agent('requested');
        } elsif ($timeout_ms > 0 && $now - $started >= $timeout_ms) {
            stop_agent('timeout');
        } else {
            my $lease = read_file('lease');
            if (defined $lease && $lease =~ /^(\d+)\s+(\d+)/) {
                if (!defined $lease_seq || $1 ne $lease_seq) {
                    ($lease_seq, $lease_until) = ($1, $now + $2);
                }
                stop_agent('lease') if $now >= $lease_until;
            }
        }
    } elsif ($now - $term_at >= $grace_ms) {
        kill('KILL', -$agent);
    }
    nap(0.05);
}

# Whatever the agent left behind in its group goes with it.
if (kill(0, -$agent)) {
    kill('TERM', -$agent);
    my $until = now_ms() + ($grace_ms < 1000 ? $grace_ms : 1000);
    nap(0.05) while kill(0, -$agent) && now_ms() < $until;
    kill('KILL', -$agent);
}

my $code = ($status & 127) ? '' : ($status >> 8);
my $signal = ($status & 127) ? ($status & 127) : '';
my $stopped = defined $stop_reason ? $stop_reason : '';
write_atomically('exit', "code=$code\nsignal=$signal\nstopped=$stopped\n")
    or die "cannot write $dir/exit: $!\n";
exit 0;
