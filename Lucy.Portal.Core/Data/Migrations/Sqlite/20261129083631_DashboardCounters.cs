using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lucy.Portal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_TwoFactorEnabled_Id_AuthyId_TwoFactorViaTwilioVerify",
                table: "AspNetUsers");

            migrationBuilder.AddColumn<bool>(
                name: "AuthenticatorConfirmed",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "UnusedRecoveryCodes",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing users: counters from the factor tables, before the indexes over them are built.
            migrationBuilder.Sql(Lucy.Portal.Core.TwoFactor.UserFactorCounterBackfill.Sqlite);

            migrationBuilder.CreateIndex(
                name: "IX_TwoFactorClocks_RequiredSince_UserId",
                table: "TwoFactorClocks",
                columns: new[] { "RequiredSince", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_TwoFactorEnabled_AuthenticatorConfirmed_TwoFactorViaTwilioVerify_AuthyId_Id",
                table: "AspNetUsers",
                columns: new[] { "TwoFactorEnabled", "AuthenticatorConfirmed", "TwoFactorViaTwilioVerify", "AuthyId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_TwoFactorEnabled_UnusedRecoveryCodes_Id",
                table: "AspNetUsers",
                columns: new[] { "TwoFactorEnabled", "UnusedRecoveryCodes", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TwoFactorClocks_RequiredSince_UserId",
                table: "TwoFactorClocks");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_TwoFactorEnabled_AuthenticatorConfirmed_TwoFactorViaTwilioVerify_AuthyId_Id",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_TwoFactorEnabled_UnusedRecoveryCodes_Id",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "AuthenticatorConfirmed",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "UnusedRecoveryCodes",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_TwoFactorEnabled_Id_AuthyId_TwoFactorViaTwilioVerify",
                table: "AspNetUsers",
                columns: new[] { "TwoFactorEnabled", "Id", "AuthyId", "TwoFactorViaTwilioVerify" });
        }
    }
}
